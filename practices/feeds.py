"""RSS and Atom feeds of the library's public items, in the reader's language tree.

Feeds are fetched by readers and aggregators that cache and share them, so they list public items only, for
everyone, members included: the list is computed for an anonymous audience, never for the requester.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from practices.models import LibraryIndexPage, LibraryItemPage
from practices.visibility import public_only

FEED_LENGTH = 30


class LibraryRssFeed(Feed):
    """The latest public items of the current language's library."""

    title = _("Enlace library: new case studies and good practices")
    description = _("Public case studies and good practices from the Enlace network.")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        locale = Locale.objects.filter(language_code=get_language()).first()
        return LibraryIndexPage.objects.live().filter(locale=locale).first()

    def link(self, index_page):
        return index_page.get_url(self.request) if index_page else "/"

    def items(self, index_page):
        if index_page is None:
            return LibraryItemPage.objects.none()
        return public_only(LibraryItemPage.objects.live().filter(alias_of__isnull=True).child_of(index_page)).order_by(
            "-first_published_at"
        )[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class LibraryAtomFeed(LibraryRssFeed):
    feed_type = Atom1Feed
    subtitle = LibraryRssFeed.description
