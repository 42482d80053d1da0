"""Verifying a credential someone submits: signature, issuer, dates, revocation.

Read-only: it looks the certificate up and changes nothing (the public endpoint that calls it
is CSRF-exempt for that reason).
"""

import datetime
from dataclasses import dataclass, field

import jwt
from django.utils import timezone

from learners.certification.models import Certificate
from learners.certification.openbadges import credentials, keys

MAX_TOKEN_LENGTH = 64 * 1024
# Clock skew tolerated between the issuer's and the verifier's clocks.
LEEWAY_SECONDS = 60


@dataclass
class Verification:
    """`status` is "valid", "expired", "revoked" or "invalid" (unreadable, forged, unknown)."""

    status: str
    errors: list[str] = field(default_factory=list)
    certificate: Certificate | None = None
    payload: dict | None = None

    @property
    def valid(self) -> bool:
        return self.status == "valid"

    def as_json(self) -> dict:
        answer = {"valid": self.valid, "status": self.status, "errors": self.errors}
        if self.payload is not None:
            answer["credential"] = {
                "id": self.payload.get("id"),
                "name": self.payload.get("name"),
                "validFrom": self.payload.get("validFrom"),
                "validUntil": self.payload.get("validUntil"),
            }
        certificate = self.certificate
        if certificate is not None and certificate.is_revoked:
            answer["revokedAt"] = credentials.timestamp(certificate.revoked_at)
            answer["revocationReason"] = certificate.revocation_reason
        return answer


def _invalid(message: str, payload: dict | None = None) -> Verification:
    return Verification(status="invalid", errors=[message], payload=payload)


def verify_credential(token: str, *, now: datetime.datetime | None = None) -> Verification:
    """Check a compact VC-JWT issued by the campus."""
    token = (token or "").strip()
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return _invalid("Aucun badge à vérifier : envoyez le jeton VC-JWT (champ « credential »).")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        return _invalid("Ce texte n’est pas un badge Open Badges au format VC-JWT.")
    key = keys.find_key(header.get("kid"))
    if key is None:
        return _invalid(
            "La clé de signature de ce badge (kid) ne fait pas partie des clés publiées par le "
            "Campus : il n’a pas été émis par le Campus."
        )
    if header.get("alg") != key.algorithm:
        return _invalid("L’algorithme de signature ne correspond pas à la clé du Campus.")
    try:
        payload = jwt.decode(
            token,
            key.public_key,
            algorithms=[key.algorithm],
            issuer=credentials.issuer_id(),
            leeway=LEEWAY_SECONDS,
            options={"verify_exp": False, "require": ["iss", "jti", "nbf"]},
        )
    except jwt.InvalidSignatureError:
        return _invalid(
            "La signature ne correspond pas : le badge a été modifié ou n’a pas été signé par le "
            "Campus."
        )
    except jwt.InvalidIssuerError:
        return _invalid("Ce badge n’a pas été émis par le Campus (émetteur inattendu).")
    except jwt.ImmatureSignatureError:
        return _invalid("Ce badge n’est pas encore valide (date de début dans le futur).")
    except jwt.PyJWTError:
        return _invalid("Ce badge est incomplet ou illisible.")

    errors = _structure_errors(payload)
    if errors:
        return Verification(status="invalid", errors=errors, payload=payload)
    public_id = payload["id"].rstrip("/").rsplit("/", 1)[-1]
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None:
        return _invalid("Aucun certificat du Campus ne correspond à ce badge.", payload)

    now = now or timezone.now()
    if certificate.is_revoked:
        return Verification(
            status="revoked",
            errors=["Ce certificat a été révoqué."],
            certificate=certificate,
            payload=payload,
        )
    expiry = payload.get("exp")
    expired = certificate.status_at(now) == Certificate.Status.EXPIRED or (
        expiry is not None and expiry <= now.timestamp() - LEEWAY_SECONDS
    )
    if expired:
        return Verification(
            status="expired",
            errors=["Ce certificat a expiré."],
            certificate=certificate,
            payload=payload,
        )
    return Verification(status="valid", certificate=certificate, payload=payload)


def _structure_errors(payload: dict) -> list[str]:
    """What makes a signed payload not one of the campus's credentials."""
    errors = []
    types = payload.get("type")
    if not isinstance(types, list) or "OpenBadgeCredential" not in types:
        errors.append("Ce jeton n’est pas un OpenBadgeCredential.")
    issuer = payload.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != payload.get("iss"):
        errors.append("L’émetteur du badge ne correspond pas à la signature.")
    if not isinstance(payload.get("id"), str) or payload.get("id") != payload.get("jti"):
        errors.append("L’identifiant du badge ne correspond pas à la signature.")
    if not isinstance(payload.get("credentialSubject"), dict):
        errors.append("Le badge ne désigne aucun titulaire.")
    return errors
