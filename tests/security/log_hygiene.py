"""Log hygiene for the whole suite: what any test makes the site log must not contain a secret or canary data.

Imported by tests/conftest.py, so :func:`_log_hygiene` wraps every test. After each test it gathers the secrets
that test created (the factories' password, TOTP secrets, session keys, invitation tokens, keys mailed in links)
and the canary values the security tests planted, formats every record logged during the test exactly as
production does (the JSON formatter of ``settings.LOGGING``) and fails if one of them appears.
"""

import logging
import re

import pytest

CANARIES = set()
"""Unique values planted by the canary tests (contact data, restricted text): never to be logged."""

MAILED_KEY = re.compile(r"/(?:password/reset/key|confirm-email|invitation)/([^/\s]+)/")


def register_canary(value):
    CANARIES.add(str(value))
    return value


def project_formatter():
    from django.conf import settings
    from django.utils.module_loading import import_string

    spec = dict(settings.LOGGING["formatters"]["json"])
    factory = spec.pop("()")
    return import_string(factory)(**spec)


def secrets_of_this_test(uses_database):
    from django.core import mail

    from members.factories import DEFAULT_PASSWORD

    found = {DEFAULT_PASSWORD: "password", **dict.fromkeys(CANARIES, "canary")}
    for message in getattr(mail, "outbox", []):
        found.update(dict.fromkeys((key for key in MAILED_KEY.findall(message.body) if len(key) >= 16), "mailed key"))
    if uses_database:
        from allauth.mfa.models import Authenticator
        from django.contrib.sessions.models import Session

        from members.models import Invitation

        for authenticator in Authenticator.objects.filter(type=Authenticator.Type.TOTP):
            found[str(authenticator.data.get("secret", ""))] = "TOTP secret"
        found.update(dict.fromkeys(Session.objects.values_list("session_key", flat=True), "session key"))
        found.update(dict.fromkeys(Invitation.objects.values_list("token", flat=True), "invitation token"))
    return {secret: kind for secret, kind in found.items() if secret and len(secret) >= 8}


@pytest.fixture(autouse=True)
def _log_hygiene(request, caplog):
    marker = request.node.get_closest_marker("django_db")
    uses_database = bool(marker) or bool({"db", "transactional_db"} & set(request.fixturenames))
    transactional = "transactional_db" in request.fixturenames or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    if uses_database:
        # Depend on the database fixture so this check runs before the test's data is rolled back.
        request.getfixturevalue("transactional_db" if transactional else "db")
    root = logging.getLogger()
    level = root.level
    root.setLevel(min(level, logging.INFO))  # what production logs (LOG_LEVEL=INFO)
    yield
    root.setLevel(level)
    # What the test itself made the site log; fixtures that plant content legitimately log its titles (Wagtail).
    records = caplog.get_records("call")
    if not records:
        return
    formatter = project_formatter()
    logged = "\n".join(formatter.format(record) for record in records)
    try:
        secrets = secrets_of_this_test(uses_database)
    except Exception:  # a database the test itself broke (outage tests): check the canaries at least
        secrets = dict.fromkeys(CANARIES, "canary")
    leaked = sorted({kind for secret, kind in secrets.items() if secret in logged})
    assert not leaked, f"the site logged secret values during this test: {', '.join(leaked)}"
