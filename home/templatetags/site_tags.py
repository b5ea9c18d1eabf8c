"""Template tags for the site chrome: the language switch."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Where each language's version of the current page lives.

    A Wagtail page links to its live translation (slugs differ between languages); any other view keeps the
    same path in the other language's URL prefix. A page without a live translation links to that language's
    home page, so the switch never leads to a 404.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.get_url(request)
    versions = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = translations.get(code) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        versions.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return versions
