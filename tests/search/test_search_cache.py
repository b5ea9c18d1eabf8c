"""A search's best matches and facet counts are remembered for the next search of the same words by the same
audience, and forgotten as soon as the content changes: never shown to another audience, never stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

CANARY = "Zqxremembered"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The anonymous page cache would answer before the search runs: these tests are about the search itself."""
    settings.ENLACE_PAGE_CACHE_SECONDS = 0


def search(client, **params):
    with translation.override("es"):
        url = reverse("search:search")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    titles = [result.page.title for result in response.context["search"].page.object_list]
    return titles, len(captured), response


def counts(response):
    return {(f.param, o.value): o.count for f in response.context["search"].facets for o in f.options}


def test_the_same_search_again_skips_the_match_and_the_facet_counts(client, make_item):
    make_item("es", title="Extradición de un tratante", summary="Cooperación con Guatemala.", countries=["GT"])
    make_item("es", title="Extradición pasiva", summary="Solicitud de México.", countries=["MX"])

    first, first_queries, first_response = search(client, q="extradicion", country="GT")
    again, again_queries, again_response = search(client, q="extradición", country="GT")  # same analysed words

    assert first == again == ["Extradición de un tratante"]
    assert again_queries <= first_queries - 5  # the match and the library's facet counts come from the cache
    assert counts(again_response) == counts(first_response)


def test_publishing_an_item_shows_it_in_the_next_search(client, make_item):
    make_item("es", title="Extradición de un tratante", summary="Cooperación.")
    assert search(client, q="extradicion")[0] == ["Extradición de un tratante"]

    make_item("es", title="Extradición pasiva", summary="Solicitud de México.")

    assert sorted(search(client, q="extradicion")[0]) == ["Extradición de un tratante", "Extradición pasiva"]


def test_restricting_an_item_hides_it_from_the_next_anonymous_search(client, make_item):
    item = make_item("es", title="Extradición de un tratante", summary="Cooperación.")
    assert search(client, q="extradicion")[0] == ["Extradición de un tratante"]

    item.visibility = "members"
    item.save_revision().publish()

    titles, _, response = search(client, q="extradicion")
    assert titles == []
    assert response.context["search"].total == 0


def test_a_members_search_is_never_remembered_for_anonymous_visitors(client, member_client, make_item):
    from django.test import Client

    make_item("es", title=f"Caso {CANARY} de trata", summary="Solo para miembros.", visibility="members")
    make_item("es", title="Caso público de trata", summary="Para todos.")
    member_titles, _, _ = search(member_client, q="trata")
    assert sorted(member_titles) == sorted(["Caso público de trata", f"Caso {CANARY} de trata"])

    anonymous_titles, _, response = search(Client(), q="trata")

    assert anonymous_titles == ["Caso público de trata"]
    assert CANARY.encode() not in response.content
    assert sum(count for (param, _value), count in counts(response).items() if param == "kind") == 1


def test_making_a_page_private_hides_it_from_the_next_anonymous_search(client, make_item):
    from wagtail.models import PageViewRestriction

    item = make_item("es", title="Extradición de un tratante", summary="Cooperación.")
    assert search(client, q="extradicion")[0] == ["Extradición de un tratante"]

    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)

    assert search(client, q="extradicion")[0] == []


def test_the_same_filters_in_another_order_reuse_the_remembered_counts(client, make_item):
    make_item("es", title="Extradición a Guatemala", summary="Cooperación.", countries=["GT", "MX"])
    _, first_queries, _ = search(client, q="extradicion", country=["GT", "MX"])

    titles, again_queries, _ = search(client, q="extradicion", country=["MX", "GT"])

    assert titles == ["Extradición a Guatemala"]
    assert again_queries <= first_queries - 5


def test_an_item_restricted_without_raising_the_generation_never_shows_from_a_remembered_search(client, make_item):
    """The generation can lag behind the database (a change written by ``QuerySet.update``, a publication whose
    transaction has not committed yet, a cache that missed the raise): remembered ids are checked again."""
    from practices.models import LibraryItemPage

    item = make_item("es", title=f"Extradición {CANARY}", summary="Cooperación.")
    make_item("es", title="Extradición pasiva", summary="Solicitud de México.")
    assert sorted(search(client, q="extradicion")[0]) == sorted(["Extradición pasiva", f"Extradición {CANARY}"])

    LibraryItemPage.objects.filter(pk=item.pk).update(visibility="members")  # no signal: the generation stays

    titles, _, response = search(client, q="extradicion")
    assert titles == ["Extradición pasiva"]
    assert CANARY.encode() not in response.content
    # The remembered counts may still count it until they expire (MATCH_CACHE_SECONDS): a number, never its text.
