"""What the ProConnect flow keeps in the browser session, and the hand-over to allauth.

The login goes through allauth's own login (`perform_login`), so its stages (MFA, inactive
accounts), signals and redirects apply to ProConnect agents exactly as to password logins.
"""

from dataclasses import dataclass

from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.account.internal.flows.logout import logout as allauth_logout
from allauth.account.signals import user_signed_up
from allauth.account.utils import perform_login
from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse

from learners.accounts.models import User
from learners.accounts.proconnect.identity import ProConnectIdentity
from learners.accounts.proconnect.provider import new_random_token

PENDING_LOGIN_KEY = "proconnect_pending_login"
ID_TOKEN_KEY = "proconnect_id_token"


@dataclass(frozen=True)
class PendingLogin:
    """A login started on the campus and not yet back from ProConnect."""

    state: str
    nonce: str
    next_url: str
    # The signed-in account asking to be linked to its ProConnect identity ("" for a login).
    link_user: str = ""


def start_login(request: HttpRequest, *, next_url: str, link_user: str = "") -> PendingLogin:
    """Draw a new state and nonce and remember them, with where to go once logged in (or, with
    `link_user`, which signed-in account is linking its identity).

    A new start replaces any earlier one: only the latest authorize request can complete.
    """
    pending = PendingLogin(
        state=new_random_token(), nonce=new_random_token(), next_url=next_url, link_user=link_user
    )
    request.session[PENDING_LOGIN_KEY] = {
        "state": pending.state,
        "nonce": pending.nonce,
        "next_url": pending.next_url,
        "link_user": pending.link_user,
    }
    return pending


def signed_in_with_password_and_mfa(request: HttpRequest) -> bool:
    """This session's sign-in used the account's password, and its second factor when the
    account has one (allauth's authentication records)."""
    records = get_authentication_records(request, request.user)
    methods = {record.get("method") for record in records}
    has_mfa = Authenticator.objects.filter(user=request.user).exists()
    return "password" in methods and ("mfa" in methods or not has_mfa)


def take_pending_login(request: HttpRequest) -> PendingLogin | None:
    """The login in progress, removed from the session so that a callback is used only once."""
    data = request.session.pop(PENDING_LOGIN_KEY, None)
    if not isinstance(data, dict):
        return None
    try:
        return PendingLogin(
            state=str(data["state"]),
            nonce=str(data["nonce"]),
            next_url=str(data["next_url"]),
            link_user=str(data.get("link_user", "")),
        )
    except KeyError:
        return None


def log_agent_in(
    request: HttpRequest,
    user: User,
    *,
    identity: ProConnectIdentity,
    id_token: str,
    created: bool,
    redirect_url: str | None,
) -> HttpResponse:
    """Log the agent in through allauth and keep the id_token for the ProConnect logout."""
    if request.user.is_authenticated and request.user.pk != user.pk:
        # Another account was logged in on this browser: start from a clean session.
        allauth_logout(request, show_message=False)
    # Stored before the login: Django keeps session data when an anonymous session logs in.
    request.session[ID_TOKEN_KEY] = {"user": str(user.pk), "id_token": id_token}
    record_authentication(request, user, "socialaccount", provider="proconnect", uid=identity.sub)
    if created:
        user_signed_up.send(sender=User, request=request, user=user)
    return perform_login(
        request,
        user,
        # ProConnect has verified the address; no confirmation e-mail is needed.
        email_verification=account_settings.EmailVerificationMethod.NONE,
        redirect_url=redirect_url,
        signup=created,
        email=identity.email,
    )


def take_id_token(request: HttpRequest) -> str | None:
    """The ProConnect id_token of the logged-in agent, removed from the session (None if absent)."""
    data = request.session.pop(ID_TOKEN_KEY, None)
    if not isinstance(data, dict) or not request.user.is_authenticated:
        return None
    if data.get("user") != str(request.user.pk):
        return None  # Left over from a ProConnect login that did not complete.
    return data.get("id_token") or None


def log_agent_out(request: HttpRequest) -> None:
    """Log out of the campus through allauth (message, cleared login state, signal)."""
    allauth_logout(request)
