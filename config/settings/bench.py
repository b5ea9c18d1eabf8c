"""Benchmarks (``make bench`` → bench/run.py): Enlace on its own database, with stock Wagtail next to it.

The database is never the development one: ``BENCH_DATABASE_URL`` (bench/run.py sets it to var/bench/ for SQLite
or the ``enlace_bench`` PostgreSQL database). ``bench.plain_wagtail`` adds the plain page model the case study is
compared with. The anonymous page cache is off for in-process timings (they measure rendering) and on for the
load test (``ENLACE_PAGE_CACHE_SECONDS``).
"""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, VAR_DIR, env

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "bench.plain_wagtail"]
(VAR_DIR / "bench").mkdir(exist_ok=True)
DATABASES = {"default": env.db("BENCH_DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'bench' / 'enlace.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = 60
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# The benchmark's own sign-ins need no slow hash; what is measured is reading, not logging in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ENLACE_PAGE_CACHE_SECONDS = env.int("ENLACE_PAGE_CACHE_SECONDS", default=0)
WHITENOISE_USE_FINDERS = True
# allauth's rate limits would stop the load test's many sign-ins from one address.
ACCOUNT_RATE_LIMITS = False
