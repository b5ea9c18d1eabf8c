"""Error pages: translated, helpful, and never a stack trace."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_missing_page_answers_404_in_spanish(client, home_pages):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


def test_missing_page_answers_404_in_english(client, home_pages):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_is_bilingual_and_shows_no_trace():
    response = server_error(RequestFactory().get("/es/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Error del servidor" in html and "Server error" in html
    assert "Traceback" not in html


def test_database_outage_page_answers_503_in_both_languages(client, home_pages):
    from home.views import service_unavailable

    response = service_unavailable(RequestFactory().get("/es/"))
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no disponible" in html and "unavailable" in html
