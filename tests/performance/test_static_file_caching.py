"""Static files in production: fingerprinted, compressed, and cached by browsers for a year.

The production storage (whitenoise's ``CompressedManifestStaticFilesStorage``) is exercised for real: collectstatic
runs into a temporary directory and whitenoise serves from it, as gunicorn would behind the proxy.
"""

import importlib

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

YEAR = 365 * 24 * 60 * 60


PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def production_settings():
    """The production settings module, imported with the environment it requires."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SECRET_KEY", "test-only-" + "x" * 50)
        patch.setenv("ALLOWED_HOSTS", "enlace.example.org")
        patch.setenv("SITE_URL", "https://enlace.example.org")
        return importlib.import_module("config.settings.production")


def test_production_uses_compressed_manifest_storage():
    assert production_settings().STORAGES["staticfiles"]["BACKEND"] == PRODUCTION_STORAGE


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic into a temporary STATIC_ROOT with the production storage (once: it compresses every file)."""
    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": production_settings().STORAGES["staticfiles"]}
    overrides = override_settings(
        STORAGES=storages, STATIC_ROOT=root, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False
    )
    with overrides:
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def test_stylesheet_is_fingerprinted_compressed_and_cached_for_a_year(collected):
    url = static("css/enlace.css")
    assert url != "/static/css/enlace.css", "the URL carries the file's hash"

    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age >= YEAR
    assert "immutable" in response["Cache-Control"]
    assert (collected / url.removeprefix("/static/")).with_suffix(".css.gz").exists()


def test_every_page_links_fingerprinted_static_files(collected, home_pages):
    settings_page = Client().get(home_pages["es"].url)

    html = settings_page.content.decode()
    assert static("css/enlace.css") in html
    assert 'href="/static/css/enlace.css"' not in html
