"""A Spanish-speaking visitor searches the library without accents, narrows by country and opens a result."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library_items(home_pages):
    from practices.factories import CaseStudyPageFactory, LibraryIndexPageFactory

    spanish = LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")
    english = LibraryIndexPageFactory(parent=home_pages["en"], title="Library", slug="library")
    CaseStudyPageFactory(
        parent=spanish,
        title="Extradición de un reclutador a Guatemala",
        summary="La fiscalía obtuvo la extradición de un reclutador de una red de trata.",
        countries=["GT", "MX"],
    )
    CaseStudyPageFactory(
        parent=spanish,
        title="Extradición solicitada por Honduras",
        summary="Solicitud de extradición tramitada con asistencia judicial recíproca.",
        countries=["HN"],
    )
    CaseStudyPageFactory(
        parent=english,
        title="Extradition of a smuggling organiser",
        summary="An extradition request backed by financial records.",
        countries=["US"],
    )


def test_visitor_searches_in_spanish_narrows_by_country_and_opens_a_result(page, library_items, axe_violations):
    page.goto("/es/")
    # The header's search box, which autocomplete.js has made a combobox (a plain search field without JavaScript).
    search_box = page.get_by_role("combobox", name="Buscar en la biblioteca").first
    search_box.fill("extradicion")
    search_box.press("Enter")

    page.wait_for_url("**q=extradicion**")
    results = page.locator("ol.search-results > li")
    assert results.count() == 2  # both Spanish cases; the English one says "extradition"
    assert page.locator("ol.search-results mark").first.inner_text().lower().startswith("extradici")
    assert axe_violations(page) == []

    page.locator("#facet-country + ul").get_by_role("link", name="Guatemala").click()
    page.wait_for_url("**country=GT**")
    assert results.count() == 1
    assert page.locator(".active-filters").first.inner_text().count("Guatemala") == 1
    assert axe_violations(page) == []

    results.first.get_by_role("link").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Extradición de un reclutador a Guatemala"


def test_autocomplete_suggests_titles_as_the_visitor_types(page, library_items):
    page.goto("/es/buscar/")
    box = page.locator("#search-q")
    box.press_sequentially("Extradi", delay=30)

    listbox = page.get_by_role("listbox")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    assert "Extradición de un reclutador a Guatemala" in options.all_inner_texts()
    assert box.get_attribute("aria-expanded") == "true"

    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
