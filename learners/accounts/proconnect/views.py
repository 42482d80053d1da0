"""ProConnect login, callback and logout views.

Every refusal shows the agent a French message on the login page, logs the technical reason, and
creates no account: the agent is only looked up or created once the tokens have been verified.
"""

import logging
import secrets
from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from allauth.account.views import logout as allauth_logout_view
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learners.accounts.proconnect import provider, session
from learners.accounts.proconnect.identity import ProConnectIdentity
from learners.accounts.proconnect.provider import ProConnectError, ProConnectUnavailable
from learners.accounts.proconnect.services import (
    LinkRefused,
    find_or_create_agent,
    link_identity,
)

logger = logging.getLogger(__name__)


def _messages() -> dict[str, str]:
    # Built per request so that gettext answers in the agent's language.
    return {
        "not_configured": _("La connexion avec ProConnect n’est pas disponible sur ce site."),
        "unavailable": _(
            "ProConnect ne répond pas pour le moment. Réessayez dans quelques instants, ou "
            "connectez-vous avec votre adresse électronique et votre mot de passe."
        ),
        "expired": _(
            "Votre demande de connexion avec ProConnect a expiré ou n’est pas valide. "
            "Veuillez recommencer."
        ),
        "provider_error": _(
            "ProConnect n’a pas pu vous identifier : la connexion a été annulée ou refusée. "
            "Veuillez recommencer."
        ),
        "elevated_rights": _(
            "Ce compte a des droits de formateur, de relecteur ou d’administrateur : il n’est "
            "pas relié à ProConnect d’après sa seule adresse. Connectez-vous avec votre mot de "
            "passe et votre second facteur, puis reliez votre identité ProConnect depuis "
            "« Mon compte »."
        ),
        "rejected": _(
            "La connexion avec ProConnect a échoué : la réponse de ProConnect n’a pas pu être "
            "vérifiée. Aucun compte n’a été créé. Veuillez recommencer ; si le problème "
            "persiste, contactez l’assistance du campus."
        ),
    }


def _safe_next_url(request: HttpRequest, url: str | None) -> str:
    """`url` if it stays on this site, else "" (an open redirect would serve phishing)."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _refuse(request: HttpRequest, reason: str, *, next_url: str = "") -> HttpResponseRedirect:
    """Back to the login page with a French explanation, keeping where the agent was going."""
    messages.error(request, _messages()[reason])
    url = reverse("account_login")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


@never_cache
@require_GET
def login(request: HttpRequest) -> HttpResponse:
    """Start the authorization code flow: remember state, nonce and `next`, go to ProConnect."""
    next_url = _safe_next_url(request, request.GET.get("next"))
    if not provider.is_configured():
        return _refuse(request, "not_configured", next_url=next_url)
    pending = session.start_login(request, next_url=next_url)
    try:
        url = provider.authorization_url(state=pending.state, nonce=pending.nonce)
    except ProConnectError as error:
        logger.warning("ProConnect login could not start: %s", error)
        return _refuse(request, "unavailable", next_url=next_url)
    return HttpResponseRedirect(url)


@never_cache
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Where ProConnect sends the agent back: check everything, then log the agent in."""
    pending = session.take_pending_login(request)
    next_url = _safe_next_url(request, pending.next_url) if pending else ""
    if "error" in request.GET:
        logger.warning(
            "ProConnect callback with error=%r description=%r",
            request.GET.get("error", "")[:100],
            request.GET.get("error_description", "")[:300],
        )
        return _refuse(request, "provider_error", next_url=next_url)
    state = request.GET.get("state", "")
    if pending is None or not secrets.compare_digest(state.encode(), pending.state.encode()):
        logger.warning(
            "ProConnect callback refused: %s",
            "no login in progress" if pending is None else "state differs from the one sent",
        )
        return _refuse(request, "expired", next_url=next_url)
    code = request.GET.get("code", "")
    if not code:
        logger.warning("ProConnect callback refused: no authorization code")
        return _refuse(request, "rejected", next_url=next_url)
    try:
        tokens = provider.exchange_code(code, nonce=pending.nonce)
        identity = ProConnectIdentity.from_claims(provider.fetch_userinfo(tokens))
    except ProConnectUnavailable as error:
        logger.warning("ProConnect unavailable during callback: %s", error)
        return _refuse(request, "unavailable", next_url=next_url)
    except ProConnectError as error:
        logger.warning("ProConnect callback refused: %s", error)
        return _refuse(request, "rejected", next_url=next_url)
    if pending.link_user:
        return _finish_link(request, pending, identity)
    try:
        user, created = find_or_create_agent(identity=identity)
    except LinkRefused:
        logger.warning("ProConnect login refused: e-mail of an account with elevated rights")
        return _refuse(request, "elevated_rights", next_url=next_url)
    logger.info(
        "ProConnect login of agent %s (%s, idp %s, uid %s)",
        user.pk,
        "created" if created else "existing",
        identity.idp_id,
        identity.uid,
    )
    return session.log_agent_in(
        request,
        user,
        identity=identity,
        id_token=tokens.id_token,
        created=created,
        redirect_url=next_url or None,
    )


def account_logout(request: HttpRequest) -> HttpResponse:
    """allauth's logout page (/comptes/logout/), routed here so that it ends ProConnect too.

    GET shows allauth's confirmation page, whose form posts back here; POST is the ProConnect
    logout below, the one the header's button uses.
    """
    if request.method == "POST":
        return logout(request)
    return allauth_logout_view(request)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out of the campus and, after a ProConnect login, of ProConnect too.

    Without a ProConnect id_token in the session this is allauth's ordinary logout.
    """
    id_token = session.take_id_token(request)
    end_session_url = None
    if id_token:
        try:
            # ProConnect requires a state; the campus keeps no state across logout to check it.
            end_session_url = provider.end_session_url(
                id_token=id_token, state=provider.new_random_token()
            )
        except ProConnectError as error:
            logger.warning("ProConnect logout skipped, campus logout only: %s", error)
    session.log_agent_out(request)
    return HttpResponseRedirect(
        end_session_url or get_adapter(request).get_logout_redirect_url(request)
    )


def _finish_link(request: HttpRequest, pending, identity) -> HttpResponse:
    """Back from ProConnect after "Relier mon compte": link the identity to the account that
    asked, still signed in on this browser."""
    if not request.user.is_authenticated or str(request.user.pk) != pending.link_user:
        return _refuse(request, "expired")
    try:
        link_identity(user=request.user, identity=identity)
    except LinkRefused:
        messages.error(
            request,
            _(
                "Cette identité ProConnect est déjà reliée à un autre compte du campus : "
                "contactez l’assistance du campus."
            ),
        )
        return HttpResponseRedirect(reverse("proconnect_link"))
    logger.info("ProConnect identity linked to account %s from Mon compte", request.user.pk)
    messages.success(
        request,
        _("Votre compte est relié à ProConnect : vous pouvez désormais vous connecter avec lui."),
    )
    return HttpResponseRedirect(reverse("proconnect_link"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest) -> HttpResponse:
    """Mon compte › ProConnect: whether the account is linked, and linking it. Linking starts
    only from a session signed in with the account's password (and second factor, if it has
    one): a ProConnect identity then proves nothing more than the account holder already did."""
    may_link = session.signed_in_with_password_and_mfa(request)
    if request.method == "POST":
        if not provider.is_configured():
            return _refuse(request, "not_configured")
        if not may_link:
            return HttpResponseRedirect(reverse("proconnect_link"))
        pending = session.start_login(request, next_url="", link_user=str(request.user.pk))
        try:
            url = provider.authorization_url(state=pending.state, nonce=pending.nonce)
        except ProConnectError as error:
            logger.warning("ProConnect link could not start: %s", error)
            messages.error(request, _messages()["unavailable"])
            return HttpResponseRedirect(reverse("proconnect_link"))
        return HttpResponseRedirect(url)
    return render(
        request,
        "learners/accounts/proconnect_link.html",
        {
            "linked": bool(request.user.proconnect_uid),
            "configured": provider.is_configured(),
            "may_link": may_link,
        },
    )
