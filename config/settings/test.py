"""The test suite: the real database and cache named by the environment, fast password hashing."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Outgoing mail is captured by Django's test runner (pytest-django swaps in locmem).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
