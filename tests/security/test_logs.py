"""Logs: nothing secret in them (checked for every test by tests/security/log_hygiene.py), and user input cannot
forge a log line."""

import json
import logging

import pytest
from django.db import OperationalError, connection

from tests.security.log_hygiene import project_formatter

pytestmark = pytest.mark.django_db

FORGED = '\n{"levelname": "CRITICAL", "name": "members", "message": "admin granted"}\r\n'


class Lines(logging.Handler):
    """Collects what the project's formatter writes, one string per emitted record."""

    def __init__(self):
        super().__init__()
        self.setFormatter(project_formatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_crlf_in_logged_values_stays_inside_one_json_line():
    handler = Lines()
    logger = logging.getLogger("enlace.test")
    logger.addHandler(handler)
    try:
        logger.warning("search failed for %s", FORGED)
    finally:
        logger.removeHandler(handler)
    (line,) = handler.lines
    assert "\n" not in line and "\r" not in line
    assert json.loads(line)["levelname"] == "WARNING"
    assert "admin granted" in json.loads(line)["message"]


def test_a_request_path_with_crlf_cannot_forge_a_log_line(client, home_pages):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("database gone")

    client.raise_request_exception = False
    handler = Lines()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        with connection.execute_wrapper(refuse):
            response = client.get("/es/%0A%7B%22levelname%22%3A%22CRITICAL%22%7D%0D%0A/")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 503
    assert handler.lines, "the failed request was logged"
    for line in handler.lines:
        assert "\n" not in line and "\r" not in line
        assert json.loads(line)["levelname"] != "CRITICAL"


def test_the_hygiene_check_would_catch_a_logged_password(caplog):
    from members.factories import DEFAULT_PASSWORD
    from tests.security.log_hygiene import secrets_of_this_test

    logging.getLogger("enlace.test").warning("login for x with %s", "not-the-password")
    assert DEFAULT_PASSWORD in secrets_of_this_test(uses_database=True)
    assert DEFAULT_PASSWORD not in caplog.text


def test_failed_sign_ins_log_no_password(client, vetted_member, caplog):
    with caplog.at_level(logging.DEBUG):
        client.post("/es/accounts/login/", {"login": vetted_member.user.email, "password": "Wrong-Passphrase-99"})
    assert "Wrong-Passphrase-99" not in caplog.text
