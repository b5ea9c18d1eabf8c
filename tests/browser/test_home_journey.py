"""A visitor opens the home page in Spanish, switches to English and reaches each section."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_reads_home_in_spanish_switches_to_english_and_back(page, home_pages, axe_violations):
    page.goto("/")
    assert page.url.endswith("/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == home_pages["es"].title
    assert axe_violations(page) == []

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="What you can do here").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/")
    assert page.get_by_role("heading", name="Qué puede hacer aquí").is_visible()


def test_skip_link_moves_keyboard_focus_to_the_main_content(page, home_pages):
    page.goto("/es/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal")
    assert skip.evaluate("element => element === document.activeElement")
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_visitor_reaches_every_section_linked_from_the_main_navigation(page, home_pages):
    from events.factories import EventIndexPageFactory
    from practices.factories import LibraryIndexPageFactory

    LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")
    EventIndexPageFactory(parent=home_pages["es"], title="Eventos", slug="eventos")
    page.goto("/es/")
    links = page.locator("nav.site-nav a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets, "the main navigation links somewhere"
    for target in targets:
        response = page.goto(target)
        assert response.status < 400, f"{target} answered {response.status}"
