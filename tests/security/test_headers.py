"""Security headers and the Content-Security-Policy on every response: pages, error pages, the admin."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(response):
    """The response's CSP as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_public_policy(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] in (["'none'"], ["'self'"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def assert_baseline_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def failing_database():
    """Every query fails as if the database server had gone away (Django's own execute_wrapper hook)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def test_public_pages_get_the_strict_policy_and_baseline_headers(client, home_pages):
    for path in ("/es/", "/en/", "/es/accounts/login/", "/healthz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_public_policy(response)
        assert_baseline_headers(response)
        assert response["X-Frame-Options"] == "DENY"


def test_the_404_page_gets_the_strict_policy(client, home_pages):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert_public_policy(response)
    assert_baseline_headers(response)


@pytest.mark.urls("tests.security.error_urls")
def test_the_500_page_gets_the_strict_policy_and_no_trace(client, home_pages):
    client.raise_request_exception = False
    response = client.get("/__broken__/")
    assert response.status_code == 500
    assert "a bug, on purpose" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert_public_policy(response)
    assert_baseline_headers(response)


def test_the_503_page_gets_the_strict_policy(client, home_pages, failing_database):
    response = client.get("/es/")
    assert response.status_code == 503
    assert_public_policy(response)
    assert_baseline_headers(response)


def test_the_admin_gets_its_own_looser_policy_confined_to_its_paths(admin_client, home_pages):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert_baseline_headers(response)
    # The same signed-in administrator on the public site gets the strict policy again.
    assert_public_policy(admin_client.get("/es/"))


def test_the_admin_login_redirect_for_anonymous_visitors_is_not_loosened_beyond_the_admin(client, home_pages):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert_public_policy(client.get(response.url, follow=True))


def test_production_cookies_are_secure_httponly_and_samesite(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE,"
        " s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SAMESITE,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT)"
    )
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "enlace.example.org",
        "SITE_URL": "https://enlace.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "Lax"] * 3 + ["True", "True", "True"]


def test_production_responses_carry_hsts_and_secure_cookies(client, home_pages, settings):
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.get("/es/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
