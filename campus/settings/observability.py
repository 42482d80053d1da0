"""Errors and logs: where an unhandled error goes (Sentry, or an e-mail to ADMINS) and how the
logs are written (one JSON object a line in production)."""

import logging

from django.core.exceptions import ImproperlyConfigured

from campus.settings.core import DEBUG, DEFAULT_FROM_EMAIL
from campus.settings.env import getenv, getenv_addresses, getenv_float

# Unhandled errors go to Sentry when SENTRY_DSN is set (campus/error_reporting.py), otherwise
# they are e-mailed to ADMINS ("Équipe campus <campus@…>, …"), from SERVER_EMAIL.
ADMINS = getenv_addresses("ADMINS")
SERVER_EMAIL = getenv("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
SENTRY_DSN = getenv("SENTRY_DSN")
# Share of the requests whose trace (timings of the view, queries, templates) is sent to Sentry.
SENTRY_TRACES_SAMPLE_RATE = getenv_float("SENTRY_TRACES_SAMPLE_RATE", 0.1)
if not 0 <= SENTRY_TRACES_SAMPLE_RATE <= 1:
    raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1.")
SENTRY_ENVIRONMENT = getenv("SENTRY_ENVIRONMENT") or "production"
if SENTRY_DSN:
    from campus.error_reporting import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
        environment=SENTRY_ENVIRONMENT,
    )

# "json": one object a line, for a log platform (campus/log_format.py); "text" for people.
LOG_FORMAT = getenv("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOG_LEVEL = getenv("LOG_LEVEL") or "INFO"
if LOG_FORMAT == "json":
    # Python's warnings (deprecations, a missing static directory) become log records on the
    # py.warnings logger, so that they too are JSON lines.
    logging.captureWarnings(True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "json": {"()": "campus.log_format.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "campus.error_emails.ScrubbedAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Unhandled errors (django.request) and failed security checks: e-mailed to ADMINS when
        # Sentry does not receive them; written to the console by the root logger either way.
        "django": {"handlers": [] if SENTRY_DSN else ["mail_admins"], "level": "INFO"},
        # The access log: one line per request (campus/request_log.py). In development runserver
        # prints each request already.
        "campus.request": {"level": "WARNING" if LOG_FORMAT == "text" else "INFO"},
        # runserver's own request lines, superseded by the access log in JSON.
        **({"django.server": {"level": "WARNING"}} if LOG_FORMAT == "json" else {}),
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
