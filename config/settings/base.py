"""Settings shared by every environment.

Secrets and service addresses come only from the environment (django-environ); every default needs
no service at all: SQLite in var/, a local-memory cache, console e-mail and Wagtail's database search.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "network",
    "members",
    "practices",
    "events",
    "search",
    "audit",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # allauth's list of security keys (mfa/webauthn/authenticator_list.html) loads humanize's filters.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp, with a looser policy confined to the Wagtail admin (see home/content_security.py).
    "home.content_security.SitePolicyCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whole pages for anonymous visitors, never for members or restricted responses (see home/page_cache.py).
    "home.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.SessionTimeoutMiddleware",
    "members.middleware.MFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.DatabaseUnavailableMiddleware",
    "audit.middleware.ExportAuditMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, or SQLite in var/ for a machine with nothing installed.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'enlace.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A persistent connection is checked before reuse so the site recovers by itself after a database restart.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise.
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            # Degrades to "empty cache" while Redis is unreachable; rate limits then fail closed (home/cache.py).
            "BACKEND": "home.cache.DegradingRedisCache",
            "LOCATION": env("REDIS_URL"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="enlace"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "enlace"}}
# Anonymous visitors' public pages are kept this long at most (0: off); publishing drops them (home/page_cache.py).
ENLACE_PAGE_CACHE_SECONDS = env.int("ENLACE_PAGE_CACHE_SECONDS", default=300)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Enlace <no-reply@enlace.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that accepts the connection and then stalls must not hold a request: the outbox retries later.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Accounts: e-mail is the login; Argon2 hashes; long passphrases welcome, no composition rules.
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
# Members: allauth limits backed by the cache (Redis in production and CI); client IPs behind N trusted proxies.
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "members.forms.ApplicationForm"}
ACCOUNT_SIGNUP_REDIRECT_URL = "members:under_review"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/180s/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_CHANGE_EMAIL = True
# Second factors: an authenticator app (TOTP) or a security key / passkey (WebAuthn, through fido2); recovery codes
# as the way back in. Either factor satisfies every MFA rule (members.access.has_mfa). A key is a second factor after
# the password: signing in with a passkey alone (MFA_PASSKEY_LOGIN_ENABLED) stays off.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Enlace"
# One 30-second step of clock drift either way (RFC 6238's recommendation), so a code typed at a step's end works.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODES_SHOW_ONCE = True
# Members with MFA must still be able to change their address (a new one is used only once verified).
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_REAUTHENTICATION_REQUIRED = True
# Sessions: 30 minutes idle, 12 hours at most; suspension or expiry ends every session of the account.
SESSION_COOKIE_AGE = 12 * 60 * 60
ENLACE_SESSION_MAX_AGE = SESSION_COOKIE_AGE
ENLACE_SESSION_IDLE_TIMEOUT = env.int("ENLACE_SESSION_IDLE_TIMEOUT", default=30 * 60)
# Membership: 12 months of vetting, reminders before expiry, erasure some time after leaving.
ENLACE_OPEN_APPLICATIONS = env.bool("ENLACE_OPEN_APPLICATIONS", default=True)
ENLACE_VETTING_PERIOD_DAYS = 365
ENLACE_REVALIDATION_REMINDER_DAYS = [30, 7]
ENLACE_RETENTION_DAYS_AFTER_LEAVING = env.int("ENLACE_RETENTION_DAYS_AFTER_LEAVING", default=90)
ENLACE_INVITATION_DAYS = 30

# The Wagtail admin signs in through the site's login (allauth), so MFA and rate limits apply there too;
# Wagtail's own password screens are switched off in favour of allauth's.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Shared-password page privacy would let anyone with the password past vetting.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Internationalisation: Spanish first, English too.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="America/Mexico_City")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# Static and uploaded files.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# What a form may send besides its files: Django's 2.5 MB, said here because the page that refuses a larger form
# quotes it (home.server_errors.bad_request). Lists of addresses are far smaller; uploaded files are not counted.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Wagtail.
WAGTAIL_SITE_NAME = "Enlace"
# The default is `make run`'s address: "localhost", where security keys (WebAuthn) work over plain http.
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://localhost:8000")
# Search (see search/backends): the database backend always; Elasticsearch too when ELASTICSEARCH_URL is set, and
# then the search page asks it first (ENLACE_SEARCH_BACKEND) and falls back to the database when it cannot answer.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["elasticsearch"] = {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", default="enlace_"),
        "TIMEOUT": env.float("ELASTICSEARCH_TIMEOUT", default=2.0),
        "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
    }
ENLACE_SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "default"
# PostgreSQL: a first search whose every word has a stem found in ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS items or more
# adds up the stored scores of those stems instead of reading every match (search/word_scores.py; False: the
# database scores every match). Rarer stems are scored by the database: at most that many items each.
ENLACE_SEARCH_WORD_SCORES = env.bool("ENLACE_SEARCH_WORD_SCORES", default=True)
ENLACE_SEARCH_WORD_SCORES_MIN_ITEMS = 200
# Beyond this many items indexed again since the lists were written, scoring them one by one costs what they save.
ENLACE_SEARCH_WORD_SCORES_MAX_REINDEXED_SINCE = 2000
# Documents are served only through Wagtail's permission-checked view, never from /media/ directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Practices library: any edit during review sends the item through every review task again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Draftail, posting "" for an empty editor, so that approving an item is not taken for an edit of it.
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "home.widgets.RichTextArea"}}
# Avatars are initials: members' e-mail hashes are never sent to Gravatar (the CSP would block the image anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Library items are published only by their workflow's final approval (practices.publication.publish_approved).
WAGTAIL_FINISH_WORKFLOW_ACTION = "practices.publication.publish_approved"
# Anonymization: on publishing a library item, delete its older revisions (they may keep personal data since removed).
ENLACE_PURGE_REVISIONS_ON_PUBLISH = env.bool("ENLACE_PURGE_REVISIONS_ON_PUBLISH", default=False)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploads: content must match the extension, no SVG (home/uploads.py); every document downloads as an attachment.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.uploads.CheckedImageForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Security defaults that hold in every environment; production.py adds HTTPS-only ones.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

# Structured logs to stdout; never request bodies or credentials.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        "django_tasks": {"level": "WARNING"},
    },
}

ENLACE_REGION_NAME = _("Mexico and Central America")

# Directory: contact detail views and vCard downloads a member may make per hour before being stopped (anti-scraping).
DIRECTORY_CONTACT_VIEWS_PER_HOUR = env.int("DIRECTORY_CONTACT_VIEWS_PER_HOUR", default=60)
