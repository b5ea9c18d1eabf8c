"""Views of the library outside the page tree: the stable entry point that finds the reader's library."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from practices.models import LibraryIndexPage


@require_safe
def library(request):
    """Anyone: redirect to the library index of the current language (the navigation links here)."""
    index_page = (
        LibraryIndexPage.objects.live().filter(locale__language_code=get_language()).first()
        or LibraryIndexPage.objects.live().first()
    )
    if index_page is None:
        raise Http404
    return redirect(index_page.get_url(request))
