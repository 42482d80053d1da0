"""Settings of the campus, read from environment variables (see .env.example).

Development (`make run`) needs none of them; production sets DEBUG=False, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, SITE_URL and the e-mail settings.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
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
    # A publication refused by the catalogue's rules becomes a message (courses/publication.py).
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
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # One prefix per deployment sharing a Redis server (staging and production).
            "KEY_PREFIX": getenv("CACHE_KEY_PREFIX", "campus"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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

# Accounts
AUTH_USER_MODEL = "learners.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "learners.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "learners.accounts.adapters.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = getenv(
    "ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Sign-up is restricted to public-service e-mail domains (a domain also admits its subdomains).
ACCOUNT_ALLOWED_SIGNUP_DOMAINS = getenv_list(
    "ACCOUNT_ALLOWED_SIGNUP_DOMAINS", "gouv.fr,campus.example" if DEBUG else "gouv.fr"
)
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,20/5m/ip",
}
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Campus du numérique public"
# Administrators and reviewers must activate an authenticator app (TOTP) before anything else;
# two-factor authentication is offered to every agent.
MFA_REQUIRED_FOR_PRIVILEGED = getenv_bool("MFA_REQUIRED_FOR_PRIVILEGED", not DEBUG)
# Sessions end after this many seconds without a request (administrators: shorter).
SESSION_IDLE_TIMEOUT = getenv_int("SESSION_IDLE_TIMEOUT", 8 * 3600)
ADMIN_SESSION_IDLE_TIMEOUT = getenv_int("ADMIN_SESSION_IDLE_TIMEOUT", 30 * 60)

# ProConnect (OpenID Connect federation of public agents). The login button appears only when
# PROCONNECT_CLIENT_ID is set.
PROCONNECT = {
    "DISCOVERY_URL": getenv(
        "PROCONNECT_DISCOVERY_URL",
        "https://fca.integ01.dev-agentconnect.fr/api/v2/.well-known/openid-configuration",
    ),
    "CLIENT_ID": getenv("PROCONNECT_CLIENT_ID"),
    "CLIENT_SECRET": getenv("PROCONNECT_CLIENT_SECRET"),
    "SCOPE": getenv("PROCONNECT_SCOPE", "openid given_name usual_name email uid siret").split(),
    "TIMEOUT": getenv_int("PROCONNECT_TIMEOUT", 10),
}
SOCIALACCOUNT_PROVIDERS = {}

# Wagtail
WAGTAIL_SITE_NAME = "Campus du numérique public"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
# Wagtail's database search: PostgreSQL full-text search on PostgreSQL (with this text search
# configuration: French stemming by default; run `manage.py update_index` after changing it),
# SQLite FTS5 on SQLite.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": getenv("SEARCH_CONFIG", "french"),
    }
}
# Lessons' audio and video files are uploaded as documents, with their own size limit.
COURSES_VIDEO_EXTENSIONS = ["mp4", "webm"]
COURSES_AUDIO_EXTENSIONS = ["mp3", "ogg", "m4a"]
WAGTAILDOCS_EXTENSIONS = [
    *["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "zip"],
    *COURSES_VIDEO_EXTENSIONS,
    *COURSES_AUDIO_EXTENSIONS,
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.uploads.CampusDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it may carry scripts
WAGTAILIMAGES_MAX_UPLOAD_SIZE = getenv_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
DOCUMENT_MAX_UPLOAD_SIZE = getenv_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
MEDIA_FILE_MAX_UPLOAD_SIZE = getenv_int("MEDIA_FILE_MAX_UPLOAD_MB", 200) * 1024 * 1024
# Video players allowed in lessons, by provider; lessons store the page address of the video.
COURSES_VIDEO_PROVIDERS = {
    "youtube": ["www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be"],
    "vimeo": ["vimeo.com", "www.vimeo.com", "player.vimeo.com"],
    "dailymotion": ["www.dailymotion.com", "dailymotion.com", "dai.ly"],
    "peertube": getenv_list("COURSES_PEERTUBE_HOSTS"),
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document downloads (never displayed by the browser on the campus's origin); the serve
# view also sends a restrictive CSP (campus/middleware.py).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# The admin calls no third party: no Gravatar (agents' e-mail hashes), no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

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
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Managers' team reports and mandatory training (see learners/team/, learners/services/).
# Exports with more rows than this are built by a background task, then offered for download.
TEAM_EXPORT_SYNC_MAX_ROWS = getenv_int("TEAM_EXPORT_SYNC_MAX_ROWS", 5000)
# Agents are reminded this many days before a mandatory training's due date (and the day after).
REMINDER_DAYS_BEFORE_DUE = getenv_int("REMINDER_DAYS_BEFORE_DUE", 7)
# Agents are reminded this many days before their certificate expires.
CERTIFICATE_EXPIRY_REMINDER_DAYS = getenv_int("CERTIFICATE_EXPIRY_REMINDER_DAYS", 30)
# "Statistiques des parcours" (learners/path_stats.py): rates and averages drawn from fewer agents
# than this are withheld, so that none is one identifiable person's answers (counts stay shown).
PATH_STATISTICS_MIN_COUNT = getenv_int("PATH_STATISTICS_MIN_COUNT", 5)
# RGPD retention: `manage.py purge_inactive` anonymises accounts inactive for this many years.
RGPD_INACTIVE_YEARS = getenv_int("RGPD_INACTIVE_YEARS", 3)

# Content computed from the published catalogue (outlines, search results, pages served to
# anonymous visitors) is cached this many seconds at most; publishing retires it at once
# (courses/catalogue_version.py). 0 turns these caches off.
CONTENT_CACHE_TIMEOUT = getenv_int("CONTENT_CACHE_TIMEOUT", 3600)

# Brand texts shown in the DSFR header and footer.
CAMPUS_BRAND = {
    "SERVICE_NAME": getenv("BRAND_SERVICE_NAME", "Campus du numérique public"),
    "TAGLINE": getenv("BRAND_TAGLINE", "Se former au numérique de l’État"),
    "MINISTRY_HTML": getenv("BRAND_MINISTRY_HTML", "République<br>française"),
    "OPERATOR": getenv("BRAND_OPERATOR", "DINUM"),
    "FOOTER_DESCRIPTION": getenv(
        "BRAND_FOOTER_DESCRIPTION",
        "Le Campus du numérique public forme les agents publics aux métiers et aux usages du "
        "numérique. Il est opéré par la direction interministérielle du numérique (DINUM).",
    ),
    # RGAA: "non", "partiellement" or "totalement" conforme; no audit yet, so partial by default.
    "ACCESSIBILITY_STATUS": getenv("BRAND_ACCESSIBILITY_STATUS", "partiellement"),
}

# Certificates (learners/models/certificates.py) and their Open Badges 3.0 credentials
# (learners/openbadges/). The issuer's name is printed on the PDF and signs the credentials.
CERTIFICATE_ISSUER_NAME = getenv("CERTIFICATE_ISSUER_NAME", "Campus du numérique public — DINUM")
# Lookups by code on the public verification page, per client IP and window (anti-enumeration).
CERTIFICATE_VERIFY_RATE_LIMIT = getenv_int("CERTIFICATE_VERIFY_RATE_LIMIT", 20)
CERTIFICATE_VERIFY_RATE_WINDOW = getenv_int("CERTIFICATE_VERIFY_RATE_WINDOW", 300)
# Keys signing the credentials (VC-JWT): PEM private keys, RSA (≥ 2048 bits, RS256) or EC P-256
# (ES256). The first one signs; all are published in the JWKS, so that after a rotation the
# credentials signed with an older key still verify. OPENBADGES_SIGNING_KEY_FILES lists PEM files
# (comma-separated, active key first); OPENBADGES_SIGNING_KEY holds one PEM (e.g. from a secret
# store) and comes first when both are set. In development, `make setup` creates
# var/openbadges-dev-key.pem (`manage.py ensure_signing_key`), used when nothing is configured.
OPENBADGES_DEV_KEY_FILE = BASE_DIR / "var" / "openbadges-dev-key.pem"


def _signing_keys() -> list[str]:
    keys = [getenv("OPENBADGES_SIGNING_KEY").replace("\\n", "\n")]
    for name in getenv_list("OPENBADGES_SIGNING_KEY_FILES"):
        try:
            keys.append(Path(name).read_text())
        except OSError as error:
            message = f"OPENBADGES_SIGNING_KEY_FILES: cannot read {name}"
            raise ImproperlyConfigured(message) from error
    keys = [key.strip() for key in keys if key.strip()]
    if not keys and DEBUG and OPENBADGES_DEV_KEY_FILE.exists():
        keys = [OPENBADGES_DEV_KEY_FILE.read_text().strip()]
    return keys


OPENBADGES_SIGNING_KEYS = _signing_keys()

# Security
SESSION_COOKIE_SECURE = getenv_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = getenv_int("SESSION_COOKIE_AGE", 8 * 3600)
SECURE_SSL_REDIRECT = getenv_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = getenv_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Content Security Policy (django-csp; campus/middleware.py adapts it for the Wagtail admin,
# previews and documents). Scripts come only from the campus's files or carry the page's nonce
# (`request.csp_nonce`): no inline code, no third-party script.
# Frames: the video players lessons embed (courses/video.py builds their addresses).
VIDEO_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://geo.dailymotion.com",
    *(f"https://{host}" for host in COURSES_VIDEO_PROVIDERS["peertube"]),
]
# Forms may post to the campus and, for the ProConnect login and logout redirects, to ProConnect.
PROCONNECT_ORIGIN = _origin(PROCONNECT["DISCOVERY_URL"])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "connect-src": [SELF],
        "form-action": [SELF, *filter(None, [PROCONNECT_ORIGIN])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Added for the Wagtail admin (/cms/) only: its page previews are frames of the campus itself,
# and its rich text editor (Draftail) writes <style> elements whose text varies (placeholders in
# the user's language), so styles there may be inline. Scripts keep the strict policy.
ADMIN_CONTENT_SECURITY_POLICY_UPDATE = {
    "frame-src": [SELF],
    "style-src": [UNSAFE_INLINE],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Certificate PDFs: WeasyPrint and fontTools log every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # One line per task state change drowns the console; keep failures only.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
