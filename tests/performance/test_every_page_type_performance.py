"""Every page type, measured: constant query counts, light pages, nothing fetched from another host.

The page types come from :mod:`page_catalogue` (every creatable Wagtail page model, plus the views readers
land on), so a page type added later is measured without touching this file. Each app asserts its own list
pages' query counts in detail; these tests loop over all of them at once, at two data sizes.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from page_catalogue import VIEWS, build_site, creatable_page_labels, grow, page_urls

MAX_PAGE_WEIGHT = 100 * 1024
GROWTH = 5


@pytest.fixture
def site(home_pages, settings):
    # Measure the rendering itself, not the anonymous page cache.
    settings.ENLACE_PAGE_CACHE_SECONDS = 0
    return build_site(home_pages)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response


def count_queries(client, urls):
    """``{name: number of SQL queries}`` for each URL, after a warm-up request (per-process caches filled)."""
    counts = {}
    for name, url in urls.items():
        get(client, url)
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        counts[name] = len(queries)
    return counts


def test_every_page_type_is_measured(site):
    """A new page model needs a builder in page_catalogue.py, so its weight and queries are checked."""
    assert creatable_page_labels() <= set(site.pages), "page types without a builder in page_catalogue.py"


def test_query_counts_do_not_grow_with_the_data_for_visitors(site):
    anonymous = Client()
    urls = {name: url for name, url in page_urls(site).items() if name not in members_only()}
    small = count_queries(anonymous, urls)

    grow(site, GROWTH)

    assert count_queries(anonymous, urls) == small


def test_query_counts_do_not_grow_with_the_data_for_members(site, member_client):
    urls = page_urls(site)
    small = count_queries(member_client, urls)

    grow(site, GROWTH)

    assert count_queries(member_client, urls) == small


def members_only():
    return {name for name, view in VIEWS.items() if view.members_only}


class Resources(HTMLParser):
    """What a browser fetches by itself from a page: stylesheets, scripts, images, frames, form targets."""

    FETCHED = {("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "srcset")}
    FETCHED |= {("iframe", "src"), ("video", "src"), ("audio", "src"), ("object", "data"), ("form", "action")}

    def __init__(self):
        super().__init__()
        self.urls = []
        self.stylesheets = []
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if (tag, name) in self.FETCHED and value:
                self.urls += [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def resources_of(response):
    parser = Resources()
    parser.feed(response.content.decode())
    return parser


def static_size(url):
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not a static file of ours"
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} not found"
    with open(found, "rb") as file:
        return len(file.read())


def test_every_page_type_weighs_under_100_kb_with_its_css_and_js(site, member_client):
    """HTML + CSS + JS, uncompressed, as the heaviest audience (a full member) sees each page type."""
    weights = {}
    for name, url in page_urls(site).items():
        response = get(member_client, url)
        found = resources_of(response)
        weights[name] = len(response.content) + sum(static_size(u) for u in found.stylesheets + found.scripts)

    assert {name: weight for name, weight in weights.items() if weight >= MAX_PAGE_WEIGHT} == {}


def test_no_page_type_fetches_anything_from_another_host(site, member_client):
    """Field offices on slow links, and privacy: every resource comes from our own host (links may go anywhere)."""
    foreign = {}
    for name, url in page_urls(site).items():
        urls = resources_of(get(member_client, url)).urls
        elsewhere = [u for u in urls if urlsplit(u).netloc not in ("", "testserver") or u.startswith("//")]
        if elsewhere:
            foreign[name] = elsewhere

    assert foreign == {}


def test_stylesheets_import_nothing_from_another_host():
    for path in ("css/enlace.css", "css/print.css"):
        with open(finders.find(path), encoding="utf-8") as file:
            css = file.read()
        assert "http://" not in css and "https://" not in css and "url(//" not in css, path
