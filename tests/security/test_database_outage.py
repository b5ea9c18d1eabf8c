"""Database down: a plain 503 everywhere (no trace), /healthz says 503, and the site recovers by itself."""

import pytest
from django.db import OperationalError, close_old_connections, connection, connections

from members.factories import DEFAULT_PASSWORD


def refuse(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly\nDETAIL: secret-host:5432")


@pytest.mark.django_db
def test_pages_answer_a_generic_503_without_a_trace_while_the_database_is_down(client, home_pages):
    with connection.execute_wrapper(refuse):
        for path in ("/es/", "/en/", "/es/practices/"):
            response = client.get(path)
            html = response.content.decode()
            assert response.status_code == 503, path
            assert response["Retry-After"] == "30"
            assert "Traceback" not in html and "secret-host" not in html and "OperationalError" not in html


@pytest.mark.django_db
def test_a_sign_in_attempt_answers_503_while_the_database_is_down(client, vetted_member):
    with connection.execute_wrapper(refuse):
        response = client.post("/es/accounts/login/", {"login": vetted_member.user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 503


@pytest.mark.django_db
def test_the_site_answers_again_as_soon_as_the_database_is_back(client, home_pages):
    with connection.execute_wrapper(refuse):
        assert client.get("/es/").status_code == 503
    assert client.get("/es/").status_code == 200


@pytest.mark.django_db
def test_the_health_check_says_503_while_the_database_is_unreachable(client, monkeypatch):
    database = connections.settings["default"]
    if database["ENGINE"].endswith("sqlite3"):
        monkeypatch.setitem(database, "NAME", "/nonexistent-directory/enlace.sqlite3")
    else:
        monkeypatch.setitem(database, "HOST", "127.0.0.1")
        monkeypatch.setitem(database, "PORT", "1")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


def test_persistent_connections_are_health_checked_so_restarts_heal_by_themselves(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db(transaction=True)
def test_a_killed_database_connection_is_replaced_without_a_restart(client, home_pages):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: a server-side kill of the site's connection")
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    killer = connections.create_connection("default")
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        killer.close()
    statuses = []
    for _ in range(3):
        # What Django's WSGI handler does around every request (the test client skips it): drop a connection that
        # failed its health check, so the next query opens a fresh one.
        close_old_connections()
        statuses.append(client.get("/es/").status_code)
        close_old_connections()
    # At most the request that met the dead connection fails (with the generic 503); then it serves again.
    assert statuses[0] in (200, 503)
    assert statuses[1:] == [200, 200]


@pytest.mark.django_db
def test_a_missing_page_answers_503_too_while_the_database_is_down(client, home_pages):
    # Wagtail's redirect middleware looks every 404 up in the database on the way out.
    client.raise_request_exception = False
    with connection.execute_wrapper(refuse):
        response = client.get("/es/no/such/page!/")
    assert response.status_code == 503
    assert "Traceback" not in response.content.decode()
