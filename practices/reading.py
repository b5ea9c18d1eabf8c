"""What a library item's page shows besides its own fields: metadata, related items, language versions, citation.

Related items and language versions are filtered by ``members.access.visible`` like every listing: a link to an
item the reader may not open is not shown at all (its title would already say too much).

Cost. The page costs a fixed number of queries whatever the size of the library: the five taxonomies in one
``UNION ALL`` query, attachments, aggregates, the editors' related choices, one ranking query for the items
sharing themes or countries (counted through the join tables' ``(term, item)`` indexes, limited in the
database), and one query for the language versions (which also brings the item's own locale).

Caching, only what may be shared safely:

- *Reading links* (related items and language versions, with their rendered HTML): cached per item, language and
  :attr:`members.access.Audience.cache_key` (``public``, or members of given groups), so a list computed for
  members is never shown to an anonymous reader, and stamped with the site's content generation
  (``home.page_cache``), which every publication and content change raises;
- *Rendered fragments* of the item's own text (its kind, title and summary, its own metadata fields with the
  taxonomy, body, a case's aggregates, lessons, sources and attachments with the citation): only for **public**
  items, never in previews, keyed by item, revision and language (:func:`fragment_key`, used by
  ``{% library_fragment %}``), and for the fragment holding the citation also by the day it names and the host
  (``citation_key``); each is stored with the site's content generation it was rendered in and used only while
  that is still the generation.
  Members-only and restricted items are rendered every time.

One cache round trip per page: the generation, the reading links and every fragment the library's templates name
(:data:`FRAGMENTS`) are read together (:class:`Fragments`) before the template is rendered.
"""

from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language

from home.page_cache import GENERATION_KEY, canonical_host
from members.access import Visibility, audience, page_privacy_filter, visibility_filter, visible
from practices.models import LibraryItemPage

RELATED_LIMIT = 5
READING_CACHE_SECONDS = 300
TAXONOMIES = ["countries", "crime_types", "exploitation_forms", "techniques", "themes"]


@dataclass(frozen=True)
class ReadingLink:
    """A link to another item, as the page shows it (plain values: cheap to cache)."""

    url: str
    title: str
    kind: str
    language_code: str
    language_name: str


def related_items(request, item, theme_ids=None, country_ids=None):
    """The editors' chosen related items first, then others sharing themes or countries; visible and live only.

    Two queries whatever the size of the library: the chosen ones, then the others ranked by the number of
    themes and countries they share (correlated counts over the join tables' ``(term, item)`` indexes, only for
    items sharing at least one term) and cut to what is missing by the database.
    """
    candidates = visible(
        request, LibraryItemPage.objects.live().filter(alias_of__isnull=True).exclude(pk=item.pk)
    ).select_related("locale")
    through = LibraryItemPage.related_practices.through
    chosen = list(
        candidates.filter(
            pk__in=through.objects.filter(from_libraryitempage_id=item.pk).values("to_libraryitempage_id")
        ).order_by("title")[:RELATED_LIMIT]
    )
    missing = RELATED_LIMIT - len(chosen)
    if missing <= 0:
        return chosen
    if theme_ids is None:
        theme_ids = list(item.themes.values_list("pk", flat=True))
    if country_ids is None:
        country_ids = list(item.countries.values_list("pk", flat=True))
    if not theme_ids and not country_ids:
        return chosen
    sharing_terms = Q()
    score = Value(0, output_field=IntegerField())
    for relation, ids in (("themes", theme_ids), ("countries", country_ids)):
        if not ids:
            continue
        join = getattr(LibraryItemPage, relation).through
        term = f"{getattr(LibraryItemPage, relation).field.m2m_reverse_field_name()}_id"
        rows = join.objects.filter(**{f"{term}__in": ids})
        sharing_terms |= Q(pk__in=rows.values("libraryitempage_id"))
        shared = (
            rows.filter(libraryitempage_id=OuterRef("pk"))
            .order_by()
            .values("libraryitempage_id")
            .annotate(n=Count("*"))
            .values("n")
        )
        score = score + Coalesce(Subquery(shared, output_field=IntegerField()), 0)
    sharing = (
        candidates.filter(sharing_terms)
        .exclude(pk__in=[c.pk for c in chosen])
        .annotate(shared=score)
        .order_by("-shared", "-first_published_at", "-pk")[:missing]
    )
    return chosen + list(sharing)


def language_versions(request, item):
    """The item's live translations the reader may see (with their locale), in one query.

    The same query brings the item's own locale, which the page shows (``lang``), so it is not fetched again.
    """
    rows = (
        LibraryItemPage.objects.filter(translation_key=item.translation_key, alias_of__isnull=True)
        .filter(Q(pk=item.pk) | (Q(live=True) & visibility_filter(request) & page_privacy_filter(request)))
        .select_related("locale")
        .order_by("locale__language_code", "pk")
    )
    if audience(request).group_ids:
        rows = rows.distinct()
    versions = []
    for row in rows:
        if row.pk == item.pk:
            item.locale = row.locale
        else:
            versions.append(row)
    return versions


def link(request, page):
    locale = page.locale
    return ReadingLink(
        url=page.get_url(request) or "",
        title=page.title,
        kind=str(page.get_kind_display()),
        language_code=locale.language_code,
        language_name=str(locale.get_display_name()),
    )


class Reading(NamedTuple):
    """The links a page shows around the item, for one language and audience, and their rendered HTML.

    The HTML (the "Also available in" line and the related practices section) is rendered once with the links
    and cached with them: it holds nothing but these links and the section headings in the page's language.
    """

    related: list
    versions: list
    language_code: str
    versions_html: str
    related_html: str


def reading_key(request, item):
    """The cache key of the item's :class:`Reading` for the request's language and audience."""
    return f"library-reading:{item.pk}:{get_language()}:{audience(request).cache_key}"


def reading_links(request, item, taxonomy, found=None, key=None):
    """``(generation, reading)``: the item's :class:`Reading` (:class:`ReadingLink` lists and their HTML), cached as
    the module says, and the site's content generation it was computed for. ``found``: what
    :func:`item_context` already read from the cache under ``key`` (:func:`reading_key`) and
    :data:`GENERATION_KEY`, else read here."""
    key = key or reading_key(request, item)
    if found is None:
        found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or 0
    entry = found.get(key)
    if entry is not None and entry[0] == generation and isinstance(entry[1], Reading):
        return generation, entry[1]
    related = [
        link(request, page)
        for page in related_items(
            request,
            item,
            theme_ids=[term.pk for term in taxonomy.themes],
            country_ids=[term.pk for term in taxonomy.countries],
        )
    ]
    versions = [link(request, version) for version in language_versions(request, item)]
    value = Reading(
        related=related,
        versions=versions,
        language_code=item.locale.language_code,
        versions_html=render_to_string("practices/includes/language_versions.html", {"language_versions": versions}),
        related_html=render_to_string("practices/includes/related_items.html", {"related_items": related}),
    )
    if not getattr(request, "is_preview", False):
        cache.set(key, (generation, value), READING_CACHE_SECONDS)
    return generation, value


class Taxonomy:
    """The item's five taxonomies, fetched together in one query, and only if a template asks for them."""

    def __init__(self, item):
        self.item = item

    @cached_property
    def terms(self):
        queries = []
        for relation in TAXONOMIES:
            field = LibraryItemPage._meta.get_field(relation)
            model = field.related_model
            key = "code" if relation == "countries" else "slug"
            queries.append(
                model.objects.filter(library_items=self.item.pk)
                .annotate(relation=Value(relation))
                .values_list("relation", "pk", "name_es", "name_en", key, "sort_order")
                .order_by()
            )
        rows = sorted(queries[0].union(*queries[1:], all=True), key=lambda row: (row[0], row[5], row[4]))
        terms = {relation: [] for relation in TAXONOMIES}
        for relation, pk, name_es, name_en, key, sort_order in rows:
            model = LibraryItemPage._meta.get_field(relation).related_model
            values = {"pk": pk, "name_es": name_es, "name_en": name_en, "sort_order": sort_order}
            values["code" if relation == "countries" else "slug"] = key
            terms[relation].append(model(**values))
        return terms

    def __getattr__(self, relation):
        if relation in TAXONOMIES:
            return self.terms[relation]
        raise AttributeError(relation)


class Deferred:
    """A list computed the first time a template looks at it (so a cached fragment costs no query)."""

    def __init__(self, compute):
        self.compute = compute

    @cached_property
    def value(self):
        return list(self.compute())

    def __iter__(self):
        return iter(self.value)

    def __len__(self):
        return len(self.value)

    def __bool__(self):
        return bool(self.value)

    def __getitem__(self, index):
        return self.value[index]

    def __eq__(self, other):
        return self.value == list(other)

    __hash__ = None


#: The fragments the library's templates cache (``{% library_fragment name key %}``) and the context variable each
#: is keyed by: read from the cache with the page's other entries, in one round trip. A name missing here still
#: works (read on its own when rendered).
FRAGMENTS = {
    "header": "fragment_key",
    "taxonomy": "fragment_key",
    "body": "fragment_key",
    "case": "fragment_key",
    "text": "citation_key",
}
FRAGMENT_CACHE_SECONDS = 3600


def fragment_cache_key(name, key):
    return f"library-fragment:{name}:{key}"


class Fragments:
    """The item's rendered fragments found in the cache, valid for the site's content ``generation`` only.

    Each is stored as ``(generation, html)``: one rendered before the last publication or content change (which
    raise the generation) is never used again, and is overwritten by the next rendering.
    """

    def __init__(self, generation, found):
        self.generation = generation
        self.found = found

    def get(self, name, key):
        """The HTML of fragment ``name`` under ``key``, or ``None`` (not cached, or for an earlier generation)."""
        cache_key = fragment_cache_key(name, key)
        entry = self.found[cache_key] if cache_key in self.found else cache.get(cache_key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == self.generation:
            return entry[1]
        return None

    def set(self, name, key, html):
        cache.set(fragment_cache_key(name, key), (self.generation, html), FRAGMENT_CACHE_SECONDS)


def fragment_key(request, item):
    """The cache key part for the item's rendered fragments, or ``None`` when they must not be cached.

    Only public items outside previews; the key holds the item, its live revision and the language (the content
    generation is stored with the fragment: :class:`Fragments`).
    """
    if item.visibility != Visibility.PUBLIC or getattr(request, "is_preview", False):
        return None
    return f"{item.pk}:{item.live_revision_id or item.latest_revision_id or 0}:{get_language()}"


def item_context(request, item):
    """Template context for any library item page (queries only for what the page actually renders)."""
    taxonomy = Taxonomy(item)
    key = fragment_key(request, item)
    consulted_on = timezone.localdate()
    # The citation names the day it is read on and the item's address on the site asked (Wagtail picks the site by
    # the request's host): its fragment is kept for that day and host only, and only for a host written canonically.
    host = canonical_host(request)
    keys = {
        "fragment_key": key,
        "citation_key": f"{key}:{consulted_on.isoformat()}:{host}" if key and host else None,
    }
    fragment_keys = [
        fragment_cache_key(name, keys[variable]) for name, variable in FRAGMENTS.items() if keys[variable] is not None
    ]
    links_key = reading_key(request, item)
    found = cache.get_many([GENERATION_KEY, links_key, *fragment_keys])
    generation, reading = reading_links(request, item, taxonomy, found, links_key)
    return {
        "taxonomy": taxonomy,
        "countries": Deferred(lambda: taxonomy.countries),
        "crime_types": Deferred(lambda: taxonomy.crime_types),
        "exploitation_forms": Deferred(lambda: taxonomy.exploitation_forms),
        "techniques": Deferred(lambda: taxonomy.techniques),
        "themes": Deferred(lambda: taxonomy.themes),
        "attachments": Deferred(lambda: item.attachments.select_related("document")),
        "party_aggregates": Deferred(lambda: item.party_aggregates.select_related("nationality")),
        "reading": reading,
        "related_items": reading.related,
        "language_versions": reading.versions,
        "item_language": reading.language_code,
        **keys,
        "library_fragments": Fragments(generation, found),
        # Worked out only when the citation is rendered (a callable: templates call it), not when it is cached.
        "citation_url": partial(item.get_full_url, request),
        "consulted_on": consulted_on,
    }
