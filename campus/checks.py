"""System checks of the campus's security settings (run by `manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"


@register(Tags.security, Tags.caches)
def check_rate_limits_have_a_cache(app_configs, **kwargs) -> list[Error]:
    """allauth counts failed logins in the cache: a dummy cache would switch the limit off."""
    if settings.ACCOUNT_RATE_LIMITS and settings.CACHES["default"]["BACKEND"] == DUMMY_CACHE:
        return [
            Error(
                "ACCOUNT_RATE_LIMITS needs a real cache: with DummyCache, failed logins are "
                "never counted and password guessing is not slowed down.",
                hint="Set REDIS_URL in production (local memory is used otherwise).",
                id="campus.E001",
            )
        ]
    return []


@register(deploy=True)
def check_errors_reach_someone(app_configs, **kwargs) -> list[Warning]:
    """In production an unhandled error must reach someone: Sentry or the ADMINS' mailbox."""
    if settings.SENTRY_DSN or settings.ADMINS:
        return []
    return [
        Warning(
            "Unhandled errors reach no one: neither SENTRY_DSN nor ADMINS is set.",
            hint="Set SENTRY_DSN to report them to Sentry, or ADMINS to e-mail them "
            '(ADMINS="Équipe campus <campus@example.gouv.fr>").',
            id="campus.W001",
        )
    ]


@register(deploy=True)
def check_content_origin(app_configs, **kwargs) -> list[Error | Warning]:
    """SCORM and H5P packages run trainers' JavaScript: they must be served on their own origin
    (docs/content-packages.md), another host name than the campus's."""
    content = settings.CONTENT_ORIGIN
    if not content:
        return [
            Warning(
                "CONTENT_ORIGIN is not set: SCORM and H5P activities cannot be played.",
                hint="Point another host name at the campus (e.g. contenus.campus.example) and "
                "set CONTENT_ORIGIN=https://contenus.campus.example.",
                id="campus.W002",
            )
        ]
    campus = urlsplit(settings.SITE_URL)
    content_parts = urlsplit(content)
    errors = []
    if content_parts.hostname == campus.hostname:
        errors.append(
            Error(
                "CONTENT_ORIGIN is on the campus's own host: packages' scripts would run with "
                "the campus's cookies and pages.",
                hint="Use another host name, e.g. contenus.<campus host>.",
                id="campus.E002",
            )
        )
    domain = (settings.SESSION_COOKIE_DOMAIN or "").lstrip(".")
    if domain and (content_parts.hostname or "").endswith(domain):
        errors.append(
            Error(
                "SESSION_COOKIE_DOMAIN covers CONTENT_ORIGIN: the session cookie would be sent "
                "to the packages' origin.",
                hint="Leave SESSION_COOKIE_DOMAIN unset (host-only cookies).",
                id="campus.E003",
            )
        )
    if campus.scheme == "https" and content_parts.scheme != "https":
        errors.append(
            Error(
                "CONTENT_ORIGIN must use https like the campus (a page served over https "
                "cannot frame http content).",
                id="campus.E004",
            )
        )
    return errors
