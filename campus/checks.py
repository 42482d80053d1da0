"""System checks of the campus's security settings (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

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
