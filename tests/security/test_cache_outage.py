"""Redis down: the site keeps serving, and the rate-limited sign-in fails closed rather than open."""

import logging
import os

import pytest
from django.core.cache import cache
from django.urls import reverse

from members.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache.DegradingRedisCache",
            "LOCATION": CLOSED_PORT_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield


def test_the_cache_answers_like_an_empty_cache_while_redis_is_down(redis_down):
    cache.set("greeting", "hola")
    assert cache.get("greeting") is None
    assert cache.get("greeting", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("greeting") is False
    assert cache.delete("greeting") is False
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_an_outage_is_logged_as_a_warning(redis_down, caplog, monkeypatch):
    from home.cache import DegradingRedisCache

    monkeypatch.setattr(DegradingRedisCache, "_last_warning", 0.0)
    with caplog.at_level(logging.WARNING, logger="home.cache"):
        cache.get("anything")
    assert "cache unreachable" in caplog.text


def test_public_pages_keep_serving_while_redis_is_down(client, home_pages, redis_down):
    for path in ("/es/", "/en/", "/es/accounts/login/", "/healthz"):
        assert client.get(path).status_code == 200, path


def test_sign_in_fails_closed_while_redis_is_down(client, vetted_member, redis_down):
    response = client.post(reverse("account_login"), {"login": vetted_member.user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_signed_in_member_keeps_reading_while_redis_is_down(member_client, home_pages, settings):
    settings.CACHES = {"default": {"BACKEND": "home.cache.DegradingRedisCache", "LOCATION": CLOSED_PORT_REDIS}}
    assert member_client.get("/es/").status_code == 200


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a live Redis at REDIS_URL")
def test_the_cache_works_normally_when_redis_is_up():
    cache.set("greeting", "hola")
    assert cache.get("greeting") == "hola"
    assert cache.add("greeting", "adiós") is False
    assert cache.add("visits", 1) is True
    assert cache.incr("visits") == 2
