"""Settings for bench/load_fault.py: production's, minus what needs TLS and collectstatic on a laptop.

Everything that matters to the fault scenario stays as in production: persistent database connections with
health checks, the Redis cache, the 503 handling, DEBUG off.
"""

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False  # the load driver speaks plain HTTP to 127.0.0.1
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
