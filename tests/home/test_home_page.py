"""The home page: both language trees, the language switch, the region's countries."""

import pytest

pytestmark = pytest.mark.django_db


def test_root_redirects_to_spanish_by_default(client, home_pages):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_root_redirects_an_english_browser_to_english(client, home_pages):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Location"] == "/en/"


def test_home_page_renders_in_spanish(client, home_pages):
    response = client.get("/es/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Qué puede hacer aquí" in html
    assert home_pages["es"].title in html


def test_home_page_renders_in_english(client, home_pages):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "What you can do here" in html
    assert home_pages["en"].title in html


def test_home_page_lists_the_eight_countries_of_the_region_in_the_readers_language(client, home_pages):
    spanish = client.get("/es/").content.decode()
    english = client.get("/en/").content.decode()
    for name in ["México", "Guatemala", "Belice", "El Salvador", "Honduras", "Nicaragua", "Costa Rica", "Panamá"]:
        assert f"<li>{name}</li>" in spanish
    assert "<li>Belize</li>" in english and "<li>Panama</li>" in english
    assert "<li>España</li>" not in spanish  # taking part, but not one of the region's eight


def test_language_switch_links_each_page_to_its_translation(client, home_pages):
    spanish = client.get("/es/").content.decode()
    english = client.get("/en/").content.decode()
    assert 'href="/en/" lang="en" hreflang="en">English</a>' in spanish
    assert 'href="/es/" lang="es" hreflang="es">Español</a>' in english


def test_every_page_offers_a_skip_link_and_landmarks(client, home_pages):
    html = client.get("/es/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    for landmark in ['<header class="site-header">', '<main id="main"', '<footer class="site-footer">', "<nav "]:
        assert landmark in html


def test_home_page_runs_a_constant_number_of_queries(client, home_pages, django_assert_max_num_queries):
    client.get("/es/")  # warm Wagtail's site-root cache, as any running server has
    with django_assert_max_num_queries(12):
        client.get("/es/")
