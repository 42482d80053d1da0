"""System check: production needs an Open Badges signing key (`check --deploy` warns)."""

from django.conf import settings
from django.core import checks


def signing_key_configured(app_configs=None, **kwargs):
    from learners.certification.openbadges import keys

    unreadable = getattr(settings, "OPENBADGES_UNREADABLE_KEY_FILES", [])
    if unreadable:
        return [
            checks.Error(
                f"OPENBADGES_SIGNING_KEY_FILES: cannot read {', '.join(unreadable)}.",
                hint="Create the key with `manage.py ensure_signing_key` (it writes the first "
                "file of OPENBADGES_SIGNING_KEY_FILES), or fix the path or its permissions.",
                id="learners.E502",
            )
        ]
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
