"""System check: production needs an Open Badges signing key (`check --deploy` warns)."""

from django.conf import settings
from django.core import checks


def signing_key_configured(app_configs=None, **kwargs):
    from learners.certification.openbadges import keys

    if not settings.OPENBADGES_SIGNING_KEYS:
        return [
            checks.Warning(
                "No Open Badges signing key: certificates are issued without their credential.",
                hint="Set OPENBADGES_SIGNING_KEY_FILES or OPENBADGES_SIGNING_KEY (.env.example).",
                id="learners.W501",
            )
        ]
    try:
        keys.signing_keys()
    except Exception as error:  # noqa: BLE001 - reported, not raised, by the check
        return [checks.Error(str(error), id="learners.E501")]
    return []


def register() -> None:
    checks.register(signing_key_configured, checks.Tags.security, deploy=True)
