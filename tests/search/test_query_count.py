"""The search page runs the same number of SQL queries whatever the number of results (two corpus sizes)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

COUNTRIES = ["MX", "GT", "SV", "HN", "CR", "PA"]
THEMES = ["case_management", "mla_tools", "victim_witness_protection"]


def add_items(make_item, start, count):
    for n in range(start, start + count):
        make_item(
            "es" if n % 2 else "en",
            kind="good_practice" if n % 3 else "case_study",
            title=f"Trata de personas, caso {n}",
            summary=f"Investigación financiera número {n} sobre trata.",
            countries=[COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n + 1) % len(COUNTRIES)]],
            themes=[THEMES[n % len(THEMES)]],
            year=2015 + n % 8,
        )


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Measure the page's own work, not the anonymous page cache (home.page_cache)."""
    settings.ENLACE_PAGE_CACHE_SECONDS = 0


def queries_for(client, params, first_search=False):
    """The queries of a search, and its number of results; ``first_search``: with the cache emptied (nothing
    remembered from the search before: the match, counts and results are all computed)."""
    with translation.override("es"):
        url = reverse("search:search")
    client.get(url, params)  # warm the per-process caches (site root paths, content types)
    if first_search:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.context["search"].total


@pytest.mark.parametrize("first_search", [False, True])
@pytest.mark.parametrize(
    "params",
    [
        {"q": "trata"},
        {"q": "investigaciones", "country": ["MX", "GT"], "theme": "mla_tools"},
        {"q": "trata", "sort": "date", "page": "2"},
        {},
    ],
)
def test_search_page_query_count_does_not_grow_with_results(client, make_item, params, first_search):
    add_items(make_item, 0, 3)
    small, small_total = queries_for(client, params, first_search)

    add_items(make_item, 3, 27)
    large, large_total = queries_for(client, params, first_search)

    assert large_total > small_total or params.get("page")
    assert large == small
    assert large <= 15


def test_members_search_page_query_count_does_not_grow_with_results(member_client, make_item):
    add_items(make_item, 0, 3)
    small, _ = queries_for(member_client, {"q": "trata"})

    add_items(make_item, 3, 27)
    large, _ = queries_for(member_client, {"q": "trata"})

    assert large == small


def test_choosing_facets_adds_at_most_one_query(client, make_item):
    """Chosen column facets are applied to the rows already read; the chosen taxonomy facets share one query."""
    add_items(make_item, 0, 12)
    plain, plain_total = queries_for(client, {"q": "trata"}, first_search=True)
    columns = {"q": "trata", "kind": "case_study", "year": ["2015", "2021"]}
    by_columns, by_columns_total = queries_for(client, columns, first_search=True)
    by_countries, by_countries_total = queries_for(client, {**columns, "country": ["MX", "GT"]}, first_search=True)

    assert (plain_total, by_columns_total, by_countries_total) == (12, 2, 2)  # items 0 and 6
    assert by_columns == plain
    assert by_countries == plain + 1


def test_search_page_query_count_does_not_grow_with_matching_events(client, make_item, events_index):
    from events.factories import EventPageFactory

    add_items(make_item, 0, 3)
    EventPageFactory(parent=events_index, title="Taller sobre trata", summary="Trata de personas.")
    small, small_total = queries_for(client, {"q": "trata"}, first_search=True)

    for n in range(3):
        EventPageFactory(parent=events_index, title=f"Curso {n} sobre trata", summary="Trata de personas.")
    large, large_total = queries_for(client, {"q": "trata"}, first_search=True)

    assert large_total == small_total + 3
    assert large == small


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_a_first_search_on_the_stored_word_scores_runs_as_many_queries_for_more_results(
    settings, make_item, as_role, role
):
    """PostgreSQL at scale adds up stored word scores (search/word_scores.py): one visibility check of the best ids
    whatever their number, also for an anonymous reader when most of them are for members."""
    from datetime import timedelta

    from django.utils import timezone

    from search import word_scores
    from search.models import ReindexedItem

    if connection.vendor != "postgresql":
        pytest.skip("word scores are built on PostgreSQL only")
    settings.ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS = 3
    client = as_role(role)

    def first_search_with_lists(start, count):
        add_items(make_item, start, count)
        for n in range(start, start + count, 3):  # a third for members
            make_item("es", title=f"Trata reservada {n}", summary="Trata, trata y trata.", visibility="members")
        ReindexedItem.objects.update(reindexed_at=timezone.now() - timedelta(days=30))  # indexed before the build
        word_scores.build(progress=lambda line: None)
        with translation.override("es"):
            url = reverse("search:search")
        client.get(url, {"q": "trata"})
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"q": "trata"})
        assert not [sql for sql in captured if "ts_rank" in sql["sql"] and "practices_libraryitempage" in sql["sql"]]
        return len(captured), response.context["search"].total

    small, small_total = first_search_with_lists(0, 6)
    large, large_total = first_search_with_lists(6, 24)

    assert large_total > small_total
    assert large == small
