"""allauth adapters: the single place where the campus customises accounts."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)


def email_domain_allowed(email: str) -> bool:
    """True when the address belongs to an allowed domain or one of its subdomains."""
    domain = email.rsplit("@", 1)[-1].lower()
    return any(
        domain == allowed or domain.endswith("." + allowed)
        for allowed in (d.lower().lstrip("@.") for d in settings.ACCOUNT_ALLOWED_SIGNUP_DOMAINS)
    )


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # After 5 failed attempts on one account in 5 minutes (ACCOUNT_RATE_LIMITS).
        "too_many_login_attempts": gettext_lazy(
            "Trop de tentatives de connexion ont échoué pour ce compte. Par sécurité, la "
            "connexion est bloquée pendant quelques minutes : réessayez plus tard, ou "
            "réinitialisez votre mot de passe."
        ),
    }

    def get_client_ip(self, request) -> str:
        """The visitor's address, for allauth's rate limits and the campus's own
        (`learners.common.requests.client_ip`). A request that crossed fewer proxies than
        TRUSTED_PROXY_COUNT (one sent straight to the application server) is counted by its
        peer address rather than failing."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning(
                "X-Forwarded-For has fewer addresses than ALLAUTH_TRUSTED_PROXY_COUNT; "
                "counting the request by its peer address."
            )
            return request.META.get("REMOTE_ADDR") or ""

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        if not email_domain_allowed(email):
            raise forms.ValidationError(
                _(
                    "L’inscription est réservée aux agents publics : utilisez votre adresse "
                    "professionnelle (domaines acceptés : %(domains)s), ou connectez-vous avec "
                    "ProConnect."
                )
                % {"domains": ", ".join(settings.ACCOUNT_ALLOWED_SIGNUP_DOMAINS)}
            )
        return email
