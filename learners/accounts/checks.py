"""System checks of the accounts: ProConnect is reached over HTTPS in production."""

from django.conf import settings
from django.core import checks


def proconnect_over_https(app_configs=None, **kwargs):
    from learners.accounts.proconnect.provider import is_secure_url

    proconnect = settings.PROCONNECT
    if settings.DEBUG or not proconnect.get("CLIENT_ID"):
        return []
    if not is_secure_url(proconnect["DISCOVERY_URL"]):
        return [
            checks.Error(
                "PROCONNECT_DISCOVERY_URL is not HTTPS: authorization codes, tokens and agents' "
                "identities would cross the network in clear.",
                hint="Use the https:// address ProConnect gives for your environment.",
                id="learners.E101",
            )
        ]
    return []


def register() -> None:
    checks.register(proconnect_over_https, checks.Tags.security)
