"""Library URLs inside the language prefix (``/es/…``, ``/en/…``); the items themselves are Wagtail pages."""

from django.urls import path

from practices import feeds, views

app_name = "practices"

urlpatterns = [
    path("practices/", views.library, name="library"),
    path("practices/feed/rss/", feeds.LibraryRssFeed(), name="feed_rss"),
    path("practices/feed/atom/", feeds.LibraryAtomFeed(), name="feed_atom"),
]
