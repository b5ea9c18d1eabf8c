"""A server-side cache of whole pages for anonymous visitors, kept in the configured cache (Redis in production).

Why a middleware and not Wagtail's cache-aware fragments: most of the site's traffic is anonymous visitors reading
public pages (home, library listing with facets, public case studies, country pages, search); a whole-page hit
skips the page tree lookup, the facet counts and the template rendering, which fragments would not. Fragments
would also have to be keyed by audience one by one in every template; here the rule lives in one place.

What is cached, and for whom (the rules only narrow, never widen, what the apps already decide):

- only ``GET``/``HEAD`` requests of anonymous visitors, as :func:`members.access.audience` sees them
  (``cache_key == "public"`` and not signed in), carrying no session or messages cookie: a signed-in member, or
  a visitor in the middle of a sign-in, never reads from nor writes to the cache;
- only ``200`` responses that set no cookie, did not use the CSRF token (a form's token belongs to one
  browser), are not streamed, and whose ``Cache-Control`` says neither ``private``, ``no-store`` nor ``no-cache``.
  The apps mark every restricted or personalised response ``private, no-store`` (``members.decorators.private``,
  ``practices.visibility.mark_private``), so such a response is never stored, whoever asked;
- never the admin, accounts, members, documents (permission-checked downloads) or previews.

The key varies by host, language, path and query string (a shared facet URL is its own entry). Only *canonical*
query strings are cached: parameters the public listings read (:data:`CACHEABLE_PARAMETERS`: search, library and
events facets, sorting, paging), at most :data:`MAX_PARAMETERS` of them, in a normalised order (``?year=2024&kind=x``
and ``?kind=x&year=2024`` are one entry). A query string with any other parameter, or too long, is answered
normally and never stored (``skip``), so nobody can fill the cache with made-up variants of one page. The key is a
SHA-256 of language, host, path and canonical query: its length is fixed whatever the URL (cache backends warn above
250 characters, and memcached refuses them).

Invalidation: every entry records the *generation* of the cache when its rendering started. Publishing,
unpublishing, moving or deleting a page, and saving or deleting any content model (taxonomies, countries,
institutions, country sheets, events…) raises the generation, so every page rendered before is dropped at once:
a publication can change the home page, the listing, its facet counts, related items and search results, and
tracking which entries depend on which page would be fragile. A page rendered while a publication happens keeps
the old generation and is never served. Entries also expire after ``ENLACE_PAGE_CACHE_SECONDS`` (0 turns the cache
off), which bounds staleness for changes made without signals (``QuerySet.update``).

The ``X-Enlace-Page-Cache`` response header says ``hit``, ``miss`` (stored) or ``skip`` for the benchmarks and
tests; it reveals nothing about the content.
"""

import hashlib
import json
import logging
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import get_max_age
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from members.access import audience

logger = logging.getLogger(__name__)

HEADER = "X-Enlace-Page-Cache"
GENERATION_KEY = "page-cache:generation"
KEY_PREFIX = "page-cache:page"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/django-admin/")
# Parts of the path after the language prefix that are never shared between visitors.
EXCLUDED_SECTIONS = ("accounts/", "members/")
MAX_QUERY_LENGTH = 1000
MAX_PARAMETERS = 20
# The GET parameters public pages read: the search page and the library listing (q, sort, page and every facet of
# practices.listing.FACETS; tests/security/test_page_cache_variants.py holds this list to them) and the events index.
# Any other parameter means the URL is not one the site links to: such a response is not stored.
CACHEABLE_PARAMETERS = frozenset(
    {
        "q",
        "sort",
        "page",
        "kind",
        "country",
        "crime_type",
        "exploitation_form",
        "theme",
        "technique",
        "outcome",
        "year",
        "language",
    }
)
# Apps whose models are content shown on public pages: any change to them may change any page.
CONTENT_APPS = {"home", "network", "practices", "events", "wagtailcore", "wagtailimages", "wagtaildocs"}
# Models of those apps written as a side effect of reading (audit trails) or too often to matter for pages.
NOT_CONTENT = {"network.contactaccess", "wagtailcore.pagelogentry", "wagtailcore.modellogentry"}


def cache_seconds():
    return getattr(settings, "ENLACE_PAGE_CACHE_SECONDS", 0)


def canonical_host(request):
    """The request's host if written the canonical way (lower case; no port, or the port the server listens on),
    else ``None``.

    Django checks only the name against ``ALLOWED_HOSTS``: ``LOCALHOST``, ``localhost:1``, ``localhost:2``… all
    pass, and a key holding the host as written would give each its own cache entries, letting anyone fill the
    cache. Such requests are answered normally and nothing of theirs is kept.
    """
    host = request.get_host()
    _name, port = split_domain_port(host)
    if host != host.lower() or (port and port != str(request.get_port())):
        return None
    return host


def is_cacheable_request(request):
    """Whether this request may be answered from, and its answer stored in, the anonymous page cache."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    if canonical_host(request) is None:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES) or canonical_query(request) is None:
        return False
    section = path.lstrip("/").partition("/")[2]
    if section.startswith(EXCLUDED_SECTIONS):
        return False
    who = audience(request)
    return who.cache_key == "public" and not who.is_authenticated


def is_storable_response(request, response):
    """Whether a response computed for an anonymous visitor may be shown to every other anonymous visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if get_max_age(response) == 0:
        return False
    # A cached page must not be one that varies on something the key ignores (other than the cookies we require
    # to be absent and the language we key on).
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= {"cookie", "accept-language", "accept-encoding"}


def canonical_query(request):
    """The query string in its one cached form (known parameters sorted by name, values in their order), or
    ``None`` when the request carries a parameter public pages don't read or is too long to be a link of ours."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    try:
        pairs = parse_qsl(query, keep_blank_values=True, max_num_fields=MAX_PARAMETERS, errors="strict")
    except ValueError:  # too many fields, or bytes that are not UTF-8
        return None
    if any(name not in CACHEABLE_PARAMETERS for name, _value in pairs):
        return None
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def page_key(request):
    """A fixed-length key for this request's page: language, host, path and canonical query, hashed."""
    parts = [get_language() or "", request.get_host(), iri_to_uri(request.path), canonical_query(request) or ""]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


def invalidate_all_pages():
    """Drop every cached page (raise the generation; old entries are never served again and expire).

    Raised at once, and again when the current transaction commits: until it does, other requests still read the
    content as it was (a workflow approval publishes inside one transaction that also sends its e-mails), and what
    they render meanwhile would be stored under the raised generation. Once per transaction, however many rows it
    saves.
    """
    raise_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(entry[1] is raise_generation for entry in connection.run_on_commit):
        transaction.on_commit(raise_generation)


def raise_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # No generation yet, or it was evicted: start from a value no surviving entry can hold.
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
        if cache.get(GENERATION_KEY) is None:
            # The cache degrades silently when unreachable (home.cache); a lost raise must not be silent.
            logger.error(
                "content changed but the cache could not record it: cached pages, counts and searches may be out of "
                "date until they expire (at most %s s)",
                max(cache_seconds(), 300),
            )


def content_cache_key(namespace, request, *parts):
    """A key for something computed from the site's content as the requester's audience sees it.

    It holds the content generation (read now, *before* computing, so a publication during the computation retires
    the result) and ``members.access``' audience key (public, members, or members of given groups: all that
    :func:`members.access.visible` depends on), so nothing remembered outlives what it was computed from or reaches
    another audience. ``parts`` (JSON-serialisable) are hashed to a fixed length.
    """
    generation = cache.get(GENERATION_KEY) or 0
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return f"{namespace}:{generation}:{audience(request).cache_key}:{digest}"


class AnonymousPageCacheMiddleware:
    """Serve anonymous visitors' public pages from the cache; store the ones that may be shared (module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if not seconds or not is_cacheable_request(request):
            response = self.get_response(request)
            if seconds:
                response[HEADER] = "skip"
            return response

        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or 0
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _generation, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response

        response = self.get_response(request)
        if is_storable_response(request, response):
            headers = [(name, value) for name, value in response.items() if name != HEADER]
            cache.set(key, (generation, response.status_code, headers, response.content), timeout=seconds)
            response[HEADER] = "miss"
        else:
            response[HEADER] = "skip"
        return response


@receiver(page_published, dispatch_uid="home.page_cache.published")
@receiver(page_unpublished, dispatch_uid="home.page_cache.unpublished")
@receiver(post_page_move, dispatch_uid="home.page_cache.moved")
@receiver(page_slug_changed, dispatch_uid="home.page_cache.slug_changed")
def page_changed(sender, **kwargs):
    invalidate_all_pages()


@receiver(post_save, dispatch_uid="home.page_cache.saved")
@receiver(post_delete, dispatch_uid="home.page_cache.deleted")
@receiver(m2m_changed, dispatch_uid="home.page_cache.m2m_changed")
def content_changed(sender, **kwargs):
    """Any saved or deleted content row may show on a cached page (a country's name, a taxonomy term…)."""
    if kwargs.get("raw"):
        return
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    if isinstance(kwargs.get("instance"), Page) or (
        meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT
    ):
        invalidate_all_pages()
