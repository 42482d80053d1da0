"""Django's core settings: applications, middleware, database, cache, tasks, languages, files,
e-mail."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from campus.settings.env import getenv, getenv_bool, getenv_int, getenv_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = getenv_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"
SECRET_KEY = getenv("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")

ALLOWED_HOSTS = getenv_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = getenv_list("CSRF_TRUSTED_ORIGINS")
# Absolute URL of the site, used in e-mails, certificates and OpenID Connect redirects.
SITE_URL = getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "home",
    "courses",
    "learners",
    "campus",
    # Wagtail
    "wagtail.contrib.redirects",
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
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.mfa",
    # Tasks
    "django_tasks",
    "django_tasks_db",
    # State design system
    "dsfr",
    "widget_tweaks",
    # Content-Security-Policy header (configured under "Security" below)
    "csp",
    # The API for HR systems and partners (learners/api/, campus/settings/api.py)
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: the request id and the access log cover everything below (campus/request_log.py).
    "campus.request_log.RequestLogMiddleware",
    # Requests to the content origin (SCORM/H5P files) see only its URLs (campus/content_origin.py).
    "campus.content_origin.ContentOriginMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "campus.middleware.PermissionsPolicyMiddleware",
    "campus.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A publication refused by the catalogue's rules becomes a message (publication_checks).
    "courses.middleware.PublicationBlockedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "learners.accounts.middleware.SessionIdleTimeoutMiddleware",
    "learners.accounts.middleware.PrivilegedMFAMiddleware",
    "learners.privacy.middleware.AuditRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: public pages served from the cache to anonymous visitors (campus/page_cache.py).
    "campus.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "campus.urls"
WSGI_APPLICATION = "campus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "campus" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "campus.context_processors.campus",
                "campus.page_cache.csrf_placeholder",
            ],
        },
    },
]

# Database: SQLite for development, PostgreSQL in production (DATABASE_URL).
DATABASES = {
    "default": dj_database_url.parse(
        getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=getenv_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not getenv_bool(
    "DATABASE_JIT", False
):
    # PostgreSQL compiles a query to machine code when its estimated cost is high, as the team
    # reports' are at 100,000 agents: 50-100 ms of compilation for a 10 ms query. Off for the
    # campus's connections (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (production), local memory otherwise.
REDIS_URL = getenv("REDIS_URL")
REDIS_TIMEOUT = getenv_int("REDIS_TIMEOUT_MS", 300) / 1000
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend that serves uncached through an outage (campus/cache.py).
            "BACKEND": "campus.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis server that does not answer costs each request this long at most.
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
            # One prefix per deployment sharing a Redis server (staging and production).
            "KEY_PREFIX": getenv("CACHE_KEY_PREFIX", "campus"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions: read from Redis, written through to the database (`cached_db`): one query fewer
# on every signed-in request, and the database still answers when Redis does not (the cache
# then misses). Without Redis, in the database only: a cache of each process's own would keep
# a session another process ended (docs/performance.md).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Tasks: "immediate" (development, tests) or "database" (production, `manage.py db_worker`).
TASKS_BACKEND = getenv("TASKS_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
# A task still "running" this long after it started was lost with its worker (killed, machine
# restarted): `manage.py requeue_stuck_tasks`, run by the clock, puts it back in the queue. Every
# task is idempotent, so running it again completes its work exactly once.
TASK_STUCK_AFTER_MINUTES = getenv_int("TASK_STUCK_AFTER_MINUTES", 30)

# Internationalisation: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times in each language's own way; templates use the formats' names (campus/formats).
FORMAT_MODULE_PATH = ["campus.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(getenv("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(getenv("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files never served by URL (certificates' PDFs carry personal data): read by permission-checked
# views only. Keep it out of MEDIA_ROOT and of any web server's document root.
PRIVATE_MEDIA_ROOT = Path(getenv("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# Source maps (drf-spectacular-sidecar's Swagger UI and Redoc ship 6 MB of them) are fetched by
# developer tools only: served as they are, they are not compressed at each collectstatic, where
# Brotli spent a third of its time on them.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# E-mail: EMAIL_URL picks the backend ("console:" for development, "smtp://user:pass@host:587").
EMAIL_URL = getenv("EMAIL_URL", "console:" if DEBUG else "smtp://localhost:25")
if EMAIL_URL.startswith("console:"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif EMAIL_URL.startswith("locmem:"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    from urllib.parse import unquote, urlsplit

    _email = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls" or EMAIL_PORT == 587
    EMAIL_USE_SSL = _email.scheme == "smtps"
DEFAULT_FROM_EMAIL = getenv(
    "DEFAULT_FROM_EMAIL", "Campus du numérique public <ne-pas-repondre@campus.example>"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
