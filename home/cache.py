"""The Redis cache, made to degrade instead of failing the request when Redis cannot be reached.

The cache only ever holds things the site can rebuild (rendered fragments, counters, allauth's rate-limit
history), so a Redis outage must cost speed, not availability: every operation that meets a connection error
logs a warning (at most once a minute per process) and answers as an *empty* cache would: ``get`` gives the
default, ``set`` stores nothing, ``incr`` reports a missing key.

One deliberate exception keeps rate limiting safe: ``add`` answers ``False`` ("not added"). allauth guards each
rate-limit check with a lock taken by ``cache.add``; when it cannot take the lock it refuses the attempt (HTTP
429). So while Redis is down, the rate-limited actions (login, sign-up, password reset, e-mail confirmation) **fail
closed**: nobody can guess passwords while the limiter is blind, at the price of members being unable to sign in
until Redis is back. Reading the public site and already signed-in sessions (stored in the database) are
unaffected.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
WARNING_INTERVAL_SECONDS = 60


class DegradingRedisCache(RedisCache):
    """Django's RedisCache that behaves as an empty cache (and ``add`` as refused) while Redis is unreachable."""

    _last_warning = 0.0

    def _unreachable(self, operation, error):
        now = time.monotonic()
        if now - DegradingRedisCache._last_warning >= WARNING_INTERVAL_SECONDS:
            DegradingRedisCache._last_warning = now
            logger.warning("cache unreachable, degrading (%s): %s", operation, type(error).__name__)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            self._unreachable("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            # "Not added": locks built on add() are never granted, so rate limits fail closed (see module doc).
            self._unreachable("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("set", error)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            self._unreachable("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            self._unreachable("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable("delete_many", error)
            return None

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._unreachable("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unreachable).") from error

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            self._unreachable("clear", error)
            return False
