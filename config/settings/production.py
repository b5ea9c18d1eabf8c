"""Production: HTTPS only, behind a reverse proxy, compressed static files with far-future headers.

`python manage.py check --deploy --fail-level WARNING` passes with SECRET_KEY, ALLOWED_HOSTS and SITE_URL set.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Links in e-mails (invitations, vetting decisions, password resets, contact audits) and in the admin are built on
# this address: without it they would point at the development server.
WAGTAILADMIN_BASE_URL = env("SITE_URL")
_site = urlsplit(WAGTAILADMIN_BASE_URL)
if _site.scheme != "https" or not validate_host(_site.hostname or "", ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's public https:// address, on a host of ALLOWED_HOSTS: {WAGTAILADMIN_BASE_URL!r}"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405
