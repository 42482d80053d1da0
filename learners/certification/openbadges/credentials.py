"""Open Badges 3.0 documents: the issuer profile, achievements, and certificates' credentials.

A certificate's credential is an `OpenBadgeCredential` (VC Data Model 2.0 shape) signed as a
VC-JWT: the JWT payload is the credential itself plus the registered claims Open Badges maps
onto it (`iss` = issuer.id, `jti` = id, `nbf` = validFrom, `exp` = validUntil). It is built and
signed once, when the certificate is issued, and stored with it.

The agent is identified by `credentialSubject.identifier` (we have no DID for them): their name
in clear, as printed on the certificate, and their e-mail address as a salted SHA-256 hash, so
that a verifier who knows the address can check it without the credential disclosing it. A
certificate without a holder name (see `Certificate`) has no name identifier; with neither a name
nor an account left, the subject's `id` is the credential's own id with `#titulaire` (Open Badges
requires an `id` or an identifier). The address never appears in clear.

`credentialStatus` points to `/certificats/statut/<public id>` with the type
`CampusCertificateStatus`: a GET answers JSON `{"id", "status": "valid" | "expired" |
"revoked", "revoked", "revokedAt", "validUntil"}` (Open Badges allows such an issuer-defined
status method).
"""

import datetime
import hashlib
import secrets

import jwt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from learners.certification.openbadges import keys
from learners.common.links import absolute_url

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
STATUS_TYPE = "CampusCertificateStatus"


def timestamp(moment: datetime.datetime) -> str:
    """ISO 8601 in UTC with a trailing Z, as Open Badges' DateTimeZ."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_id() -> str:
    return absolute_url(reverse("openbadges_issuer"))


def issuer_profile() -> dict:
    """The issuer `Profile`, published at its own id (`/openbadges/issuer`)."""
    with translation.override("fr"):  # credentials are in French ("inLanguage")
        description = str(settings.CAMPUS_BRAND["FOOTER_DESCRIPTION"])
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CERTIFICATE_ISSUER_NAME,
        "url": settings.SITE_URL + "/",
        "description": description,
    }


def _issuer_reference() -> dict:
    """The issuer as embedded in credentials and achievements (no @context)."""
    return {key: value for key, value in issuer_profile().items() if key != "@context"}


def achievement_id(path_id: int) -> str:
    return absolute_url(reverse("openbadges_achievement", args=[path_id]))


def criteria_narrative() -> str:
    return (
        "Terminer toutes les activités obligatoires du parcours, dont la présence aux sessions "
        "obligatoires, et réussir chaque quiz obligatoire à son score de réussite."
    )


def achievement(*, path_id: int, title: str, summary: str, url: str | None) -> dict:
    """The `Achievement` a path's certificate attests."""
    criteria = {"narrative": criteria_narrative()}
    if url:
        criteria["id"] = url
    return {
        "id": achievement_id(path_id),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": title,
        "description": summary
        or f"Parcours de formation « {title} » du Campus du numérique public.",
        "criteria": criteria,
        "creator": _issuer_reference(),
        "inLanguage": "fr",
    }


def path_achievement(path) -> dict:
    """The achievement of a path as it is now (`/openbadges/achievements/<id>`)."""
    return {
        "@context": CONTEXTS,
        **achievement(
            path_id=path.pk,
            title=path.title,
            summary=path.summary,
            url=absolute_url(path.url) if path.live and path.url else None,
        ),
    }


def credential_id(certificate) -> str:
    """The credential's id: the public verification page of its certificate."""
    return absolute_url(reverse("certificate_verify_detail", args=[certificate.public_id]))


def status_url(certificate) -> str:
    return absolute_url(reverse("certificate_status", args=[certificate.public_id]))


def hashed_email(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email.lower() + salt).encode()).hexdigest()


def build_credential(certificate, *, email: str | None = None) -> dict:
    """The `OpenBadgeCredential` of `certificate` (from its snapshot and its path)."""
    path = certificate.path
    identifiers = []
    if certificate.holder_name:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": certificate.holder_name,
            }
        )
    if email:
        salt = secrets.token_hex(8)
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": hashed_email(email, salt),
                "salt": salt,
            }
        )
    subject = {"type": ["AchievementSubject"]}
    if identifiers:
        subject["identifier"] = identifiers
    else:
        subject["id"] = credential_id(certificate) + "#titulaire"
    subject |= {
        "achievement": achievement(
            path_id=certificate.path_id,
            title=certificate.path_title,
            summary=path.summary if path else "",
            url=absolute_url(path.url) if path and path.live and path.url else None,
        ),
        "activityEndDate": timestamp(certificate.enrolment_completed_at),
    }
    credential = {
        "@context": CONTEXTS,
        "id": credential_id(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Certificat — {certificate.path_title}",
        "description": (
            f"{certificate.holder_name or 'Son ou sa titulaire'} a suivi le parcours "
            f"« {certificate.path_title} » ({certificate.duration_hours}) du Campus du numérique "
            "public."
        ),
        "issuer": _issuer_reference(),
        "validFrom": timestamp(certificate.issued_at),
        "awardedDate": timestamp(certificate.issued_at),
        "credentialSubject": subject,
        "credentialSchema": [SCHEMA],
        "credentialStatus": {"id": status_url(certificate), "type": STATUS_TYPE},
    }
    if certificate.expires_at:
        credential["validUntil"] = timestamp(certificate.expires_at)
    return credential


def jwt_claims(credential: dict) -> dict:
    """The registered JWT claims Open Badges 3.0 maps onto the credential's fields."""
    claims = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(datetime.datetime.fromisoformat(credential["validFrom"]).timestamp()),
        "iat": int(timezone.now().timestamp()),
    }
    if "validUntil" in credential:
        claims["exp"] = int(datetime.datetime.fromisoformat(credential["validUntil"]).timestamp())
    if "id" in credential["credentialSubject"]:
        claims["sub"] = credential["credentialSubject"]["id"]
    return claims


def sign(credential: dict, key: "keys.SigningKey | None" = None) -> str:
    """The credential as a compact VC-JWT signed with `key` (default: the active key)."""
    key = key or keys.active_key()
    payload = {**credential, **jwt_claims(credential)}
    return jwt.encode(
        payload, key.private_key, algorithm=key.algorithm, headers={"kid": key.kid, "typ": "JWT"}
    )


def credential_jwt(certificate, *, email: str | None = None) -> str:
    """Build and sign the credential of `certificate` (raises `keys.SigningKeyMissing`)."""
    key = keys.active_key()
    return sign(build_credential(certificate, email=email), key)
