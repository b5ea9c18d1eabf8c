"""The search page, its autocomplete endpoint, and the language redirect of ``/search/``.

Who may see them: everyone. What each requester finds is decided by ``members.access`` inside
:class:`search.service.LibrarySearch` (restricted items, facet counts and directory entries only for full
members), and any answer computed for a full member is marked ``Cache-Control: private, no-store``.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from members import access
from members.decorators import private
from search.service import MAX_QUERY_LENGTH, LibrarySearch, autocomplete_titles

AUTOCOMPLETE_MIN_CHARS = 2


@require_GET
@vary_on_cookie
def search(request):
    """Open to everyone; results, counts and snippets are limited to what ``members.access`` lets them see."""
    results = LibrarySearch(request)
    response = TemplateResponse(
        request, "search/search.html", {"search": results, "query": results.query, "page_title": results.query}
    )
    response.render()
    if results.shows_restricted:
        private(response)
    elif results.degraded:
        # An answer from the fallback may be incomplete: never keep it in a cache.
        add_never_cache_headers(response)
    return response


@require_GET
@vary_on_cookie
def autocomplete(request):
    """Open to everyone: titles of live items the requester may see, as JSON ``{"suggestions": [...]}``."""
    prefix = request.GET.get("q", "").replace("\x00", "")[:MAX_QUERY_LENGTH]
    titles = autocomplete_titles(request, prefix) if len(prefix.strip()) >= AUTOCOMPLETE_MIN_CHARS else []
    response = JsonResponse({"suggestions": titles})
    if access.audience(request).is_authenticated:
        private(response)
    return response


def search_in_language(request):
    """``/search/`` → the search page in the visitor's language, keeping the query string."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        url = reverse("search:search")
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)
