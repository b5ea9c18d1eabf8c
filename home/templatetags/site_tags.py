"""Template tags for the site chrome: the language switch."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from members.access import visible

register = template.Library()


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
    if rows.model is not Page:
        rows = visible(request, rows)
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
