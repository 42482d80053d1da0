"""System checks of the campus's security settings (run by `manage.py check --deploy`)."""

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
