"""The agent's identity as ProConnect asserts it, read from the verified userinfo claims."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from learners.accounts.models import User
from learners.accounts.proconnect.provider import ProConnectError

SIRET_PATTERN = re.compile(r"^\d{14}$")


def _field_length(name: str) -> int:
    return User._meta.get_field(name).max_length


def _text(claims: dict[str, Any], name: str, field: str) -> str:
    """A claim as a single-line string cut to the model field's length ("" when absent)."""
    value = claims.get(name)
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())[: _field_length(field)]


@dataclass(frozen=True)
class ProConnectIdentity:
    """Who ProConnect says the agent is.

    `sub` is the stable key: ProConnect makes it unique for each (campus, identity provider) pair.
    `uid` is only unique within one identity provider, so it is kept for the logs, never used to
    find an account.
    """

    sub: str
    email: str
    first_name: str
    last_name: str
    siret: str
    organization_label: str
    uid: str = ""
    idp_id: str = ""

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> "ProConnectIdentity":
        """Build the identity from userinfo claims; a missing or invalid e-mail is refused."""
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub or len(sub) > _field_length("proconnect_uid"):
            raise ProConnectError(f"invalid sub claim {sub!r}")
        email = claims.get("email")
        if not isinstance(email, str):
            raise ProConnectError("no email claim")
        email = email.strip().lower()
        if len(email) > _field_length("email"):
            raise ProConnectError("email claim too long")
        try:
            validate_email(email)
        except ValidationError as error:
            raise ProConnectError(f"invalid email claim {email!r}") from error
        siret = "".join(str(claims.get("siret") or "").split())
        return cls(
            sub=sub,
            email=email,
            first_name=_text(claims, "given_name", "first_name"),
            last_name=_text(claims, "usual_name", "last_name"),
            # The SIRET is optional for some identity providers; a malformed one is dropped.
            siret=siret if SIRET_PATTERN.match(siret) else "",
            organization_label=_text(claims, "organization_label", "organization_label"),
            uid=str(claims.get("uid") or ""),
            idp_id=str(claims.get("idp_id") or ""),
        )

    def profile(self) -> dict[str, str]:
        """The user fields ProConnect is the source of truth for, refreshed at each login."""
        profile = {"proconnect_uid": self.sub}
        # Keep what the campus knows when the identity provider leaves a claim empty.
        for field in ("first_name", "last_name", "siret", "organization_label"):
            if getattr(self, field):
                profile[field] = getattr(self, field)
        return profile
