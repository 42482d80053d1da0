"""Account protections applied to every request of a signed-in agent.

- `SessionIdleTimeoutMiddleware`: a session unused for too long is closed (shorter for
  administrators), and the agent is sent back to the login page.
- `PrivilegedMFAMiddleware`: administrators and reviewers must activate an authenticator app
  before they use the campus (settings.MFA_REQUIRED_FOR_PRIVILEGED).
- `AuditRequestMiddleware`: the audit log knows who acts (and from where) when an event is
  recorded from a signal, such as a role changed in the Wagtail admin.
"""

import posixpath
import time
from functools import cache
from urllib.parse import urlencode

from allauth.account.internal.flows.logout import logout as allauth_logout
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from learners.accounts.permissions import is_administrator, is_reviewer

LAST_ACTIVITY_KEY = "campus_last_activity"


# The timestamp is rewritten at most this often, so that most requests do not save the session.
ACTIVITY_RESOLUTION_SECONDS = 60


def idle_timeout_for(user) -> int:
    """Seconds of inactivity after which the user's session ends."""
    if is_administrator(user):
        return settings.ADMIN_SESSION_IDLE_TIMEOUT
    return settings.SESSION_IDLE_TIMEOUT


def shortest_idle_timeout() -> int:
    return min(settings.SESSION_IDLE_TIMEOUT, settings.ADMIN_SESSION_IDLE_TIMEOUT)


@receiver(user_logged_in, dispatch_uid="learners_session_activity_on_login")
def record_login_activity(sender, request, user, **kwargs):
    # Saved with the login, so the first requests of a session do not write it again.
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_activity = request.session.get(LAST_ACTIVITY_KEY)
            # The role (one query) matters only past the shorter of the two timeouts.
            idle = now - last_activity if isinstance(last_activity, int) else 0
            if idle > shortest_idle_timeout() and idle > idle_timeout_for(request.user):
                return self._expire(request)
            if not isinstance(last_activity, int) or (
                now - last_activity >= ACTIVITY_RESOLUTION_SECONDS
            ):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

    def _expire(self, request: HttpRequest) -> HttpResponse:
        allauth_logout(request, show_message=False)
        messages.info(
            request,
            _(
                "Votre session a expiré après une période d’inactivité. Reconnectez-vous pour "
                "continuer."
            ),
        )
        login_url = reverse("account_login")
        if request.method == "GET":
            login_url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(login_url)


def is_privileged(user) -> bool:
    """Administrators and reviewers: the accounts that must use two-factor authentication."""
    return is_administrator(user) or is_reviewer(user)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class PrivilegedMFAMiddleware:
    """Send a privileged user without an authenticator app to its activation page.

    The account pages (/comptes/: two-factor setup, password, logout), static files and the
    health check stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.MFA_REQUIRED_FOR_PRIVILEGED
            and request.user.is_authenticated
            and not self._is_exempt(request.path_info)
            and is_privileged(request.user)
            and not has_totp(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Votre rôle donne accès à des données et à des actions sensibles : activez "
                    "la double authentification (application d’authentification) pour continuer."
                ),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _is_exempt(path: str) -> bool:
        return path.startswith(_mfa_exempt_prefixes())


@cache
def _mfa_exempt_prefixes() -> tuple[str, ...]:
    accounts = posixpath.dirname(reverse("account_login").rstrip("/")) + "/"  # /comptes/
    return (accounts, settings.STATIC_URL, reverse("healthz"), reverse("set_language"))
