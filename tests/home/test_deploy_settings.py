"""Production settings pass Django's deployment checklist and send the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage_in_production(tmp_path, *arguments, **environment_changes):
    """``manage.py …`` with the production settings and the environment a deployment gives them."""
    # The browser tests allow async-unsafe ORM calls in their own process only; a deployment never does.
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "enlace.example.org",
        "SITE_URL": "https://enlace.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **environment_changes,
    }
    environment = {key: value for key, value in environment.items() if value is not None}
    command = [sys.executable, "manage.py", *arguments]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = manage_in_production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("site_url", [None, "http://enlace.example.org", "https://localhost:8000", ""])
def test_production_refuses_to_start_without_its_public_https_address(tmp_path, site_url):
    """E-mails' links (invitations, vetting decisions, password resets) are built on SITE_URL."""
    result = manage_in_production(tmp_path, "check", SITE_URL=site_url)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_every_response_sends_the_baseline_security_headers(client, db):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
