"""The anonymous page cache cannot be filled with made-up URL variants, and its keys stay short whatever the URL.

home/page_cache.py stores only canonical query strings (parameters public pages read, normalised order, bounded
length); anything else is served normally and never stored. Keys are fixed-length hashes.
"""

import warnings

import pytest
from django.core.cache import CacheKeyWarning
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from home.page_cache import CACHEABLE_PARAMETERS, HEADER, MAX_QUERY_LENGTH, page_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 300


@pytest.fixture(autouse=True)
def page_cache_key_warnings_fail():
    """A page-cache key memcached would refuse (too long, spaces, control characters) fails the test."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"(?s).*page-cache:", category=CacheKeyWarning)
        yield


@pytest.fixture
def listing(home_pages):
    from practices.factories import CaseStudyPageFactory, LibraryIndexPageFactory

    library = LibraryIndexPageFactory(parent=home_pages["es"])
    CaseStudyPageFactory(parent=library, title="Entrega vigilada en Tapachula", visibility="public")
    return library.url


def test_a_shared_facet_url_is_served_from_the_cache_in_any_parameter_order(listing):
    first = Client().get(listing + "?kind=case_study&year=2024&country=MX&country=GT")
    again = Client().get(listing + "?kind=case_study&year=2024&country=MX&country=GT")
    reordered = Client().get(listing + "?year=2024&country=MX&kind=case_study&country=GT")

    assert (first.status_code, again.status_code, reordered.status_code) == (200, 200, 200)
    assert (first[HEADER], again[HEADER], reordered[HEADER]) == ("miss", "hit", "hit")


def test_values_of_one_facet_keep_their_order_in_the_key(listing):
    """Values of one parameter are not reordered: the pages may list them in the order given."""
    Client().get(listing + "?country=MX&country=GT")
    assert Client().get(listing + "?country=GT&country=MX")[HEADER] == "miss"


@pytest.mark.parametrize(
    "query",
    [
        "utm_source=newsletter",
        "kind=case_study&zz1=1",
        "q=" + "a" * (MAX_QUERY_LENGTH + 1),
        "&".join(f"country=C{number}" for number in range(30)),
        "q=%FF%FE",
    ],
    ids=["unknown parameter", "one unknown among known", "too long", "too many", "not UTF-8"],
)
def test_a_made_up_variant_is_answered_but_never_stored(listing, query):
    first = Client().get(f"{listing}?{query}")
    second = Client().get(f"{listing}?{query}")

    assert first.status_code < 500 and second.status_code < 500
    assert (first[HEADER], second[HEADER]) == ("skip", "skip")


def test_the_listing_still_serves_its_cached_page_while_variants_are_refused(listing):
    Client().get(listing)
    for number in range(50):
        assert Client().get(f"{listing}?v{number}={number}")[HEADER] == "skip"
    assert Client().get(listing)[HEADER] == "hit"


def test_every_facet_the_library_and_search_read_is_cacheable():
    """A facet added to the listing without declaring it here would never be cached (safe, but slow)."""
    from practices.listing import FACETS as LIBRARY_FACETS
    from search.service import FACETS as SEARCH_FACETS

    read = {facet.param for facet in [*LIBRARY_FACETS, *SEARCH_FACETS]} | {"q", "sort", "page"}
    assert read <= CACHEABLE_PARAMETERS


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.text(min_size=0, max_size=400),
    query=st.text(min_size=0, max_size=3000),
)
def test_the_key_has_a_fixed_length_whatever_the_url(path, query):
    request = RequestFactory().get("/es/" + path.replace("\x00", ""), QUERY_STRING=query)
    key = page_key(request)
    assert len(key) == len(page_key(RequestFactory().get("/")))
    assert len(key) < 100


@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(st.sampled_from(sorted(CACHEABLE_PARAMETERS)) | st.text(min_size=1, max_size=20), max_size=8),
    value=st.text(max_size=300),
)
def test_fuzzed_query_strings_never_fail_nor_warn(listing, names, value):
    from urllib.parse import urlencode

    response = Client().get(listing + "?" + urlencode([(name, value) for name in names]))
    assert response.status_code < 500
    if any(name not in CACHEABLE_PARAMETERS for name in names):
        assert response[HEADER] == "skip"


@pytest.mark.parametrize("host", ["TESTSERVER", "testserver:1", "testserver:8443"])
def test_a_host_written_another_way_is_answered_but_never_stored(listing, host):
    """Django checks only the name against ALLOWED_HOSTS: each case or port would otherwise be an entry of its own."""
    first = Client().get(listing, HTTP_HOST=host)
    again = Client().get(listing, HTTP_HOST=host)

    assert first.status_code == again.status_code == 200
    assert (first[HEADER], again[HEADER]) == ("skip", "skip")
    assert "Entrega vigilada en Tapachula" in again.content.decode()
    assert [Client().get(listing)[HEADER] for _ in range(2)] == ["miss", "hit"]
    assert Client().get(listing, HTTP_HOST="testserver:80")[HEADER] != "skip"  # the port the server listens on
