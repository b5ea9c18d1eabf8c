"""The test suite: the real database and cache named by the environment, fast password hashing."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Outgoing mail is captured by Django's test runner (pytest-django swaps in locmem).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Under pytest-xdist each worker gets a Redis database of its own: the suite empties the cache before every test
# (Django's RedisCache.clear() is FLUSHDB), which must not wipe what another worker's test just stored.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and CACHES["default"]["BACKEND"] == "home.cache.DegradingRedisCache":  # noqa: F405
    _redis = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
    _database = int(_redis.path.strip("/") or 0) + int(_worker[2:])
    CACHES["default"]["LOCATION"] = urlunsplit(_redis._replace(path=f"/{_database}"))  # noqa: F405
