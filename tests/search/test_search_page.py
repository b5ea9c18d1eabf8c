"""The search page: matching in both languages, facets with counts, sorting, pagination, snippets, zero results."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def search_url(language="es"):
    with translation.override(language):
        return reverse("search:search")


def titles(response):
    return [result.page.title for result in response.context["search"].page.object_list]


def test_search_finds_spanish_item_typed_without_accents(client, make_item):
    make_item("es", title="Extradición de un tratante a Guatemala", summary="Un caso de cooperación.")
    make_item("es", title="Otro caso sin relación", summary="Nada que ver.")

    response = client.get(search_url(), {"q": "extradicion"})

    assert titles(response) == ["Extradición de un tratante a Guatemala"]


def test_plural_query_finds_singular_text(client, make_item):
    make_item("es", title="Guía de investigación financiera", summary="Cómo seguir el dinero.")

    response = client.get(search_url(), {"q": "investigaciones financieras"})

    assert titles(response) == ["Guía de investigación financiera"]


def test_english_inflection_finds_base_form(client, make_item):
    make_item("en", title="Victim interview protocol", summary="How to interview survivors safely.")

    response = client.get(search_url("en"), {"q": "interviewing"})

    assert titles(response) == ["Victim interview protocol"]


def test_a_query_in_either_language_searches_both_trees(client, make_item):
    make_item("es", title="Entrega vigilada en la frontera", summary="Operación conjunta.")
    make_item("en", title="Controlled delivery at the border", summary="A joint operation.")

    spanish_from_english_page = client.get(search_url("en"), {"q": "frontera"})
    english_from_spanish_page = client.get(search_url("es"), {"q": "border"})

    assert titles(spanish_from_english_page) == ["Entrega vigilada en la frontera"]
    assert titles(english_from_spanish_page) == ["Controlled delivery at the border"]


def test_snippet_marks_the_matching_words_and_escapes_the_rest(client, make_item):
    make_item("es", title="Caso <b>Tenosique</b>", summary="Investigaciones <script>x</script> financieras del caso.")

    response = client.get(search_url(), {"q": "investigación"})

    content = response.content.decode()
    assert "<mark>Investigaciones</mark> &lt;script&gt;x&lt;/script&gt; financieras" in content
    assert "Caso &lt;b&gt;Tenosique&lt;/b&gt;" in content
    assert "<script>x</script>" not in content


def test_result_shows_its_type_label(client, make_item):
    make_item("es", kind="good_practice", title="Buena práctica de coordinación", summary="Coordinación fiscal.")

    response = client.get(search_url("en"), {"q": "coordinación"})

    assert "Good practice" in response.content.decode()


def test_facets_count_the_current_query_and_combine(client, make_item):
    make_item("es", title="Trata en México", summary="Trata laboral.", countries=["MX"], year=2020)
    make_item("es", title="Trata en Guatemala", summary="Trata sexual.", countries=["GT"], year=2021)
    make_item("es", title="Migrantes en Guatemala", summary="Tráfico.", countries=["GT"], year=2021)

    response = client.get(search_url(), {"q": "trata"})
    countries = {o.value: o.count for f in response.context["search"].facets if f.param == "country" for o in f.options}
    assert countries == {"MX": 1, "GT": 1}

    narrowed = client.get(search_url(), {"q": "trata", "country": "GT", "year": "2021"})
    assert titles(narrowed) == ["Trata en Guatemala"]
    both = client.get(search_url(), {"q": "trata", "country": ["GT", "MX"]})
    assert sorted(titles(both)) == ["Trata en Guatemala", "Trata en México"]


def test_sort_by_date_and_paginate(client, make_item):
    for n in range(12):
        make_item("es", title=f"Caso de trata número {n}", summary="Trata de personas.")

    first = client.get(search_url(), {"q": "trata", "sort": "date"})
    second = client.get(search_url(), {"q": "trata", "sort": "date", "page": 2})

    assert first.context["search"].total == 12
    assert titles(first)[0] == "Caso de trata número 11"
    assert len(titles(first)) == 10 and len(titles(second)) == 2


def test_zero_results_offer_a_way_out(client, make_item):
    make_item("es", title="Trata en México", summary="Trata laboral.", countries=["MX"])

    response = client.get(search_url(), {"q": "trata", "country": "GT"})

    content = response.content.decode()
    search = response.context["search"]
    assert search.total == 0
    assert search.active_filters[0]["url"] == "?q=trata"
    assert 'href="?q=trata"' in content
    assert search.related_themes


def test_search_without_prefix_redirects_to_the_visitors_language(client):
    response = client.get("/search/?q=trata", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response.url == search_url("en") + "?q=trata"


def test_spanish_search_page_has_a_spanish_path():
    with translation.override("es"):
        if translation.gettext("search/") == "search/":
            pytest.skip("the Spanish catalogue with this app's strings is not merged yet (locale/pending/search.json)")
    assert search_url("es") == "/es/buscar/"
    assert search_url("en") == "/en/search/"


def test_every_page_has_the_header_search_box_and_loads_autocomplete_once_deferred(client, home_pages):
    """The header box is a plain GET form to the search page (works without JavaScript); the small script that
    turns it into a combobox is deferred and loaded once, on the search page too."""
    home = client.get("/es/")
    search = client.get(search_url(), {"q": "trata"})

    for response in (home, search):
        html = response.content.decode()
        assert html.count('src="/static/js/autocomplete.js" defer') == 1
        assert f'<form class="search-box" role="search" action="{search_url()}" method="get">' in html
        assert 'id="site-search" type="search" name="q"' in html
        assert 'data-autocomplete-url="/es/buscar/autocompletar/"' in html


def test_results_stop_at_the_match_limit_and_say_so(client, make_item, monkeypatch):
    """The match keeps the best MAX_BACKEND_HITS items (facets and pages are computed over them): the page says
    when more would match."""
    monkeypatch.setattr("search.service.MAX_BACKEND_HITS", 2)
    for n in range(3):
        make_item("es", title=f"Trata de personas {n}", summary="Investigación financiera.")

    response = client.get(search_url("en"), {"q": "trata"})

    assert response.context["search"].total == 2
    assert "Only the first 2 results are shown" in response.content.decode()
