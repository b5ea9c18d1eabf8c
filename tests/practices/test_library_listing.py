"""The library listing: combinable facets with counts, shareable URLs, sorting, pagination, the empty state,
and a constant number of queries whatever the number of items."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.factories import CaseStudyPageFactory, GoodPracticePageFactory


@pytest.fixture
def corpus(library):
    CaseStudyPageFactory(
        parent=library["es"],
        title="Alfa",
        countries=["MX", "GT"],
        crime_types=["trafficking_in_persons"],
        themes=["case_management"],
        year=2020,
    )
    CaseStudyPageFactory(
        parent=library["es"],
        title="Beta",
        countries=["GT"],
        crime_types=["smuggling_of_migrants"],
        themes=["mla_tools"],
        year=2021,
        outcome="acquittal",
    )
    GoodPracticePageFactory(
        parent=library["en"], title="Gamma guide", countries=["HN"], themes=["mla_tools"], year=2021
    )
    CaseStudyPageFactory(parent=library["es"], title="Delta secreto", countries=["PA"], visibility="members", year=2019)
    return library


def facet(response, param):
    return {o.value: o.count for f in response.context["listing"].facets if f.param == param for o in f.options}


def titles(response):
    return [item.title for item in response.context["listing"].page.object_list]


def test_listing_shows_both_languages_newest_first_with_facet_counts(client, corpus):
    response = client.get(corpus["es"].url)
    assert response.status_code == 200
    assert titles(response) == ["Gamma guide", "Beta", "Alfa"]
    assert facet(response, "country") == {"MX": 1, "GT": 2, "HN": 1}
    assert facet(response, "kind") == {"case_study": 2, "good_practice": 1}
    assert facet(response, "language") == {"es": 2, "en": 1}
    assert facet(response, "year") == {"2021": 2, "2020": 1}


def test_filters_within_a_facet_are_alternatives_and_across_facets_combine(client, corpus):
    response = client.get(corpus["es"].url + "?country=MX&country=HN")
    assert sorted(titles(response)) == ["Alfa", "Gamma guide"]
    response = client.get(corpus["es"].url + "?country=GT&theme=mla_tools")
    assert titles(response) == ["Beta"]
    # The country facet still offers the other countries under the chosen theme (counts with other facets applied).
    assert facet(response, "country") == {"GT": 1, "HN": 1}


def test_filtered_url_is_shareable_and_each_active_filter_can_be_removed(client, corpus):
    response = client.get(corpus["es"].url + "?country=GT&outcome=acquittal")
    html = response.content.decode()
    assert titles(response) == ["Beta"]
    assert 'href="?outcome=acquittal"' in html  # removing the country keeps the outcome
    assert "Guatemala" in html


def test_sort_by_title(client, corpus):
    assert titles(client.get(corpus["es"].url + "?sort=title")) == ["Alfa", "Beta", "Gamma guide"]


def test_pagination_keeps_the_filters(client, library):
    for n in range(25):
        CaseStudyPageFactory(parent=library["es"], title=f"Caso {n:02d}", countries=["MX"])
    response = client.get(library["es"].url + "?country=MX&sort=title&page=2")
    assert titles(response) == [f"Caso {n:02d}" for n in range(20, 25)]
    assert "?country=MX&amp;sort=title&amp;page=1" in response.content.decode()


def test_no_match_says_so_and_offers_to_clear_the_filters(client, corpus):
    response = client.get(corpus["es"].url + "?country=BZ")
    html = response.content.decode()
    assert titles(response) == []
    assert "No item matches all these filters." in html or "Ningún elemento" in html
    assert "Belice" not in html or "BZ" in html


def test_members_only_items_are_not_counted_for_anonymous_visitors(client, corpus):
    response = client.get(corpus["es"].url)
    assert "PA" not in facet(response, "country")
    assert "2019" not in facet(response, "year")


def test_members_see_and_count_members_only_items(member_client, corpus):
    response = member_client.get(corpus["es"].url)
    assert "Delta secreto" in titles(response)
    assert facet(response, "country")["PA"] == 1


def test_library_entry_point_redirects_to_the_current_language(client, corpus):
    assert client.get("/en/practices/").url == corpus["en"].url
    assert client.get("/es/practices/").url == corpus["es"].url


def queries_for(client, url):
    cache.clear()  # count the queries of a first view: facet counts are cached per audience afterwards
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The session's "last seen" is written at most once a minute (members' middleware): not the listing's doing.
    return len([query for query in queries.captured_queries if "django_session" not in query["sql"]])


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_listing_runs_a_constant_number_of_queries(role, library, client_as, settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 0  # measure the rendering, not the anonymous page cache
    client = client_as(role)
    url = library["es"].url + "?country=MX&country=GT&theme=case_management"
    for n in range(3):
        CaseStudyPageFactory(parent=library["es"], countries=["MX"], themes=["case_management"], title=f"A{n}")
    client.get(url)  # warm per-process caches (site root paths, content types)
    small = queries_for(client, url)
    for n in range(30):
        CaseStudyPageFactory(
            parent=library["es"],
            countries=["MX", "GT"],
            themes=["case_management", "mla_tools"],
            title=f"B{n}",
            visibility="members" if n % 2 else "public",
        )
    assert queries_for(client, url) == small
    assert small <= 30


def test_facet_counts_are_cached_per_audience_and_refreshed_on_publication(client, corpus, settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 0
    client.get(corpus["es"].url)
    with CaptureQueriesContext(connection) as cached:
        client.get(corpus["es"].url)
    CaseStudyPageFactory(parent=corpus["es"], title="Épsilon", countries=["BZ"])
    response = client.get(corpus["es"].url)
    assert facet(response, "country")["BZ"] == 1
    assert len(cached) < 10
