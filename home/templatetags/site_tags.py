"""Template tags for the site chrome: the language switch, and the parts of the chrome every page shares.

The header's search box, the main navigation, the stylesheets and scripts and the footer are the same on every
page for a given language and sign-in state, and rendering them (a dozen translated strings, nine URL reversals,
the static files' hashed names) cost about as much as a library item's own content. :func:`shared_chrome` renders
each of them once per process and variant, **with a context holding only the values that name the variant**: such
a template cannot show anything of the request, the page or the member, whatever is later added to it, so one
reader's rendering is never shown to another. What does vary per page or reader (the language switch's links, the
messages, the title) stays in ``base.html`` and is rendered every time.
"""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.autoreload import file_changed
from django.utils.translation import get_language
from wagtail.models import Page

from members.access import page_privacy_filter, visible

register = template.Library()

#: Rendered chrome fragments of this process: ``{(template, language, script prefix, URLconf, values): html}``.
_shared = {}
#: A bound on the entries (a few templates × languages × sign-in states are expected), as a safety net.
SHARED_LIMIT = 200
#: Values that may name a variant: a handful of states, never free text typed by a reader.
VARIANT_TYPES = (bool, type(None))


def shared_chrome(template_name, **values):
    """``template_name`` rendered with ``values`` as its whole context, reused for the same language and values.

    The template gets no request, user, page or context processor: only ``values``, the active language and
    what is fixed for the process (URLs, static files, translations). A value that is not a bool or ``None`` (the
    search box's query on the search page) is rendered every time and not kept. With ``DEBUG`` on, nothing is
    kept either, so an edited template shows at once.
    """
    if settings.DEBUG or not all(isinstance(value, VARIANT_TYPES) for value in values.values()):
        return render_to_string(template_name, values)
    key = (template_name, get_language(), get_script_prefix(), get_urlconf(), tuple(sorted(values.items())))
    html = _shared.get(key)
    if html is None:
        html = render_to_string(template_name, dict(values))  # a copy: the template's {% url … as x %} writes in it
        if len(_shared) < SHARED_LIMIT:
            _shared[key] = html
    return html


@receiver(setting_changed)
@receiver(file_changed)
def forget_shared_chrome(**kwargs):
    """Settings (languages, URLs, static storage) and templates are what the kept fragments depend on."""
    _shared.clear()


@register.simple_tag
def site_chrome(template_name):
    """A part of the chrome that depends on the language only (stylesheets and scripts, footer)."""
    return shared_chrome(template_name)


@register.simple_tag(takes_context=True)
def site_search_box(context):
    """The header's search box; on the search page it shows the reader's query (then rendered every time)."""
    return shared_chrome("includes/search_box.html", query=context.get("query") or None)


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The main navigation: it varies with the sign-in state and marks the home link on the home page only."""
    request = context["request"]
    user = context.get("user") or getattr(request, "user", None)
    return shared_chrome(
        "includes/nav.html",
        signed_in=bool(user and user.is_authenticated),
        is_home=request.path == f"/{get_language()}/",
    )


def translation_urls(request, page, context):
    """``{language code: url}`` of the live translations of ``page`` the reader may open.

    A library item's page has already worked them out, through the visibility rule and cached per audience
    (``language_versions`` in its context). For other pages, one query on Wagtail's base page table, or on the
    page's own model when it carries a visibility level, so that a translation the reader may not open is never
    linked (its slug would show).
    """
    versions = context.get("language_versions")
    if versions is not None:
        return {version.language_code: version.url for version in versions}
    model = type(page)
    rows = model.objects if any(field.name == "visibility" for field in model._meta.fields) else Page.objects
    rows = rows.filter(translation_key=page.translation_key, live=True).exclude(pk=page.pk)
    rows = visible(request, rows) if rows.model is not Page else rows.filter(page_privacy_filter(request))
    return {row.locale.language_code: row.get_url(request) for row in rows.select_related("locale")}


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Where each language's version of the current page lives.

    A Wagtail page links to its live translation (slugs differ between languages); any other view keeps the
    same path in the other language's URL prefix. A page without a translation the reader may open links to that
    language's home page, so the switch never leads to a 404 or a sign-in wall.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    is_page = isinstance(page, Page)
    translations = translation_urls(request, page, context) if is_page else {}
    versions = []
    for code, name in settings.LANGUAGES:
        if code == current:
            url = request.get_full_path()
        elif is_page:
            url = translations.get(code) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        versions.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return versions
