"""Find or create the campus agent for a verified ProConnect identity."""

import logging

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models import Q

from learners.accounts.models import User
from learners.accounts.permissions import has_elevated_rights
from learners.accounts.proconnect.identity import ProConnectIdentity
from learners.accounts.services import announce_names

logger = logging.getLogger(__name__)


def _email_owner(email: str, *, exclude: User | None = None) -> User | None:
    """The agent whose login is this address, or who verified it as a secondary address."""
    users = User.objects.filter(
        Q(email__iexact=email) | Q(emailaddress__email__iexact=email, emailaddress__verified=True)
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.order_by("pk").first()


def _mark_email_verified(user: User, email: str) -> None:
    """ProConnect vouches for the address: allauth records it as verified (and primary if login)."""
    if _email_owner(email, exclude=user) is not None:
        return  # Kept by the agent who already holds it (see _update_email).
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        address = EmailAddress(user=user, email=email)
    if not address.verified or address.pk is None:
        address.verified = True
        address.save()
    if user.email == email and not address.primary:
        address.set_as_primary()


def _update_email(user: User, email: str) -> None:
    """Follow an address change made at the identity provider, unless another agent holds it."""
    if user.email == email:
        return
    if _email_owner(email, exclude=user) is not None:
        logger.warning(
            "ProConnect: agent %s now asserts %s, already used by another account; kept %s",
            user.pk,
            email,
            user.email,
        )
        return
    user.email = email


def _wipe_unproven_password(user: User, email: str) -> None:
    """Lock out whoever signed up with this address without ever verifying it.

    Otherwise someone could open an account with an agent's address, wait for the agent to
    arrive through ProConnect, and share the account (allauth does the same for social logins).
    """
    verified = EmailAddress.objects.filter(user=user, email__iexact=email, verified=True)
    if user.has_usable_password() and not verified.exists():
        logger.warning("ProConnect: password of agent %s wiped (address never verified)", user.pk)
        user.set_unusable_password()


class LinkRefused(Exception):
    """The identity's e-mail belongs to an account with elevated rights, not linked yet."""


def _save_agent(identity: ProConnectIdentity) -> tuple[User, bool]:
    created = False
    user = User.objects.filter(proconnect_uid=identity.sub).order_by("pk").first()
    if user is not None:
        _update_email(user, identity.email)
    else:
        # Not seen through ProConnect yet: reconcile by e-mail, as ProConnect advises; never
        # for an account with elevated rights, which its holder links from Mon compte.
        user = _email_owner(identity.email)
        if user is not None and has_elevated_rights(user):
            raise LinkRefused(user.pk)
        if user is not None:
            _wipe_unproven_password(user, identity.email)
    if user is None:
        created = True
        user = User(email=identity.email)
        user.set_unusable_password()
    profile = identity.profile()
    if not created and has_elevated_rights(user):
        # Names of accounts with elevated rights are their own (the audit log shows them).
        profile = {k: v for k, v in profile.items() if k not in ("first_name", "last_name")}
    names_before = (user.first_name, user.last_name)
    for field, value in profile.items():
        setattr(user, field, value)
    user.save()
    if (user.first_name, user.last_name) != names_before:
        announce_names(user)
    _mark_email_verified(user, identity.email)
    return user, created


def link_identity(*, user: User, identity: ProConnectIdentity) -> None:
    """Link the signed-in `user` to this ProConnect identity (from Mon compte).

    Raises `LinkRefused` when the identity is already linked to another account.
    """
    with transaction.atomic():
        holder = User.objects.filter(proconnect_uid=identity.sub).exclude(pk=user.pk).first()
        if holder is not None:
            raise LinkRefused(holder.pk)
        User.objects.filter(pk=user.pk).update(proconnect_uid=identity.sub)
        user.proconnect_uid = identity.sub


def find_or_create_agent(*, identity: ProConnectIdentity) -> tuple[User, bool]:
    """The agent for this identity, its profile refreshed from ProConnect; `True` if just created.

    Looks the agent up by ProConnect `sub`, then by e-mail (case-insensitive), else creates an
    agent without a usable password. Idempotent: a second login finds the same agent. Raises
    `LinkRefused` when the e-mail belongs to a trainer, reviewer or administrator account not
    linked yet.
    """
    try:
        with transaction.atomic():
            return _save_agent(identity)
    except IntegrityError:
        # Two callbacks for the same new agent raced; the other one created the account.
        with transaction.atomic():
            return _save_agent(identity)
