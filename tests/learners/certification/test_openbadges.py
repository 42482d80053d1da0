"""Open Badges 3.0: credential shape (1EdTech's JSON Schema), VC-JWT signature verified with
the published JWKS, tampering, foreign keys, revocation, expiry and key rotation.

The schema is tests/fixtures/openbadges/ob_v3p0_achievementcredential_schema.json (see the
README beside it); validation runs offline.
"""

import base64
import datetime
import json
from pathlib import Path

import jsonschema
import jwt
import pytest
from django.test import Client
from django.utils import timezone

from learners.certification import services
from learners.certification.models import Certificate
from learners.certification.openbadges import credentials, keys
from learners.certification.openbadges.keys import generate_private_key_pem, load_key
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db

SCHEMA_FILE = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "openbadges"
    / "ob_v3p0_achievementcredential_schema.json"
)
JWT_CLAIMS = {"iss", "jti", "nbf", "exp", "iat", "sub"}


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


@pytest.fixture
def certificate(django_capture_on_commit_callbacks, signing_key) -> Certificate:
    path = learning_path(title="Numérique responsable")
    path.certificate_validity_months = 24
    from courses.factories import publish

    publish(path)
    return certified(agent(), path, django_capture_on_commit_callbacks)


def payload_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def verify(token: str, **extra) -> dict:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/openbadges/verify", {"credential": token}, content_type="application/json", **extra
    )
    assert response.status_code == 200
    return response.json()


def tamper(token: str, change) -> str:
    """The token with its payload changed and its original signature kept."""
    header, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(data)
    encoded = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


def test_openbadges_credential_validates_against_the_schema(certificate, validator):
    """The signed credential (JWT claims set aside) is a valid OpenBadgeCredential."""
    payload = payload_of(certificate.credential_jwt)
    credential = {k: v for k, v in payload.items() if k not in JWT_CLAIMS}
    errors = sorted(validator.iter_errors(credential), key=str)
    assert not errors, "\n".join(error.message for error in errors)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["issuer"]["id"] == "http://testserver/openbadges/issuer"
    assert credential["credentialSubject"]["achievement"]["name"] == "Numérique responsable"
    assert "validUntil" in credential


def test_openbadges_jwt_claims_mirror_the_credential(certificate):
    """iss = issuer.id, jti = id, nbf = validFrom, exp = validUntil; kid names a published key."""
    token = certificate.credential_jwt
    payload = payload_of(token)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    assert payload["iss"] == payload["issuer"]["id"]
    assert (
        payload["jti"]
        == payload["id"]
        == (f"http://testserver/certificats/verifier/{certificate.public_id}/")
    )
    valid_from = datetime.datetime.fromisoformat(payload["validFrom"])
    assert payload["nbf"] == int(valid_from.timestamp())
    assert payload["exp"] == int(datetime.datetime.fromisoformat(payload["validUntil"]).timestamp())
    assert header["kid"].startswith("http://testserver/openbadges/keys/")


def test_openbadges_signature_verifies_with_the_published_jwks(client, certificate):
    """A generic JOSE library verifies the credential with the JWKS the campus publishes."""
    jwks = client.get("/openbadges/jwks.json").json()
    assert [key.get("d") for key in jwks["keys"]] == [None]  # public parts only
    key_set = jwt.PyJWKSet.from_dict(jwks)
    kid = jwt.get_unverified_header(certificate.credential_jwt)["kid"]
    signing_key = next(key for key in key_set.keys if key.key_id == kid)
    payload = jwt.decode(
        certificate.credential_jwt,
        signing_key.key,
        algorithms=["RS256"],
        issuer="http://testserver/openbadges/issuer",
    )
    assert payload["credentialSubject"]["identifier"][0]["identityHash"] == "Camille Martin"
    # The kid is also a URL that dereferences to the key itself (Open Badges 3.0, 8.2.4.1).
    assert client.get(kid.removeprefix("http://testserver")).json() == key_set.keys[0]._jwk_data


def test_openbadges_kid_is_the_rfc7638_thumbprint(signing_key):
    """The thumbprint follows RFC 7638 (checked against PyJWK's own computation)."""
    key = keys.active_key()
    jwk = jwt.PyJWK({k: v for k, v in key.public_jwk().items() if k in ("kty", "n", "e")})
    assert key.kid.endswith("/" + key.thumbprint)
    assert len(key.thumbprint) == 43  # SHA-256, base64url without padding
    canonical = json.dumps({"e": jwk._jwk_data["e"], "kty": "RSA", "n": jwk._jwk_data["n"]},
                           separators=(",", ":"))  # fmt: skip
    import hashlib

    expected = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=")
    assert key.thumbprint == expected.decode()


def test_openbadges_verify_endpoint_accepts_a_valid_credential(certificate):
    """The public endpoint (CSRF-exempt, no login) says valid."""
    answer = verify(certificate.credential_jwt)
    assert answer["valid"] is True
    assert answer["status"] == "valid"
    assert answer["errors"] == []
    assert answer["credential"]["id"].endswith(f"/{certificate.public_id}/")


def test_openbadges_verify_endpoint_reads_forms_and_raw_bodies(certificate):
    """Form field `credential` or the raw JWT as the body work too."""
    client = Client(enforce_csrf_checks=True)
    form = client.post("/openbadges/verify", {"credential": certificate.credential_jwt})
    raw = client.post(
        "/openbadges/verify", certificate.credential_jwt, content_type="application/jwt"
    )
    assert form.json()["status"] == raw.json()["status"] == "valid"
    assert client.get("/openbadges/verify").status_code == 405
    bad = client.post("/openbadges/verify", "{", content_type="application/json")
    assert bad.status_code == 400


def test_openbadges_modified_payload_fails(certificate):
    """Changing the holder's name (or the dates) breaks the signature."""

    def rename(data):
        data["credentialSubject"]["identifier"][0]["identityHash"] = "Quelqu’un d’autre"

    def extend(data):
        data["exp"] += 10 * 365 * 86400

    for change in (rename, extend):
        answer = verify(tamper(certificate.credential_jwt, change))
        assert answer["valid"] is False
        assert answer["status"] == "invalid"
        assert "signature ne correspond pas" in answer["errors"][0]


def test_openbadges_foreign_key_fails(certificate, other_rsa_pem):
    """A credential signed by another key fails, whether it claims the campus's kid or not."""
    payload = payload_of(certificate.credential_jwt)
    campus_kid = jwt.get_unverified_header(certificate.credential_jwt)["kid"]
    foreign = load_key(other_rsa_pem)
    forged = jwt.encode(
        payload, foreign.private_key, algorithm="RS256", headers={"kid": campus_kid}
    )
    answer = verify(forged)
    assert (answer["valid"], answer["status"]) == (False, "invalid")
    assert "signature ne correspond pas" in answer["errors"][0]

    own_kid = credentials.sign(credentials.build_credential(certificate), foreign)
    answer = verify(own_kid)
    assert (answer["valid"], answer["status"]) == (False, "invalid")
    assert "ne fait pas partie des clés publiées" in answer["errors"][0]


def test_openbadges_algorithm_none_is_refused(certificate):
    """An unsigned token (alg "none") with the campus's kid is refused."""
    header = jwt.get_unverified_header(certificate.credential_jwt)
    unsigned = jwt.encode(payload_of(certificate.credential_jwt), None, algorithm="none",
                          headers={"kid": header["kid"]})  # fmt: skip
    answer = verify(unsigned)
    assert answer["valid"] is False


def test_openbadges_revoked_credential_reports_revoked(certificate, administrator):
    """After revocation, the (still well signed) credential reports revoked, with the reason."""
    services.revoke_certificate(certificate=certificate, reason="Fraude", revoked_by=administrator)
    answer = verify(certificate.credential_jwt)
    assert answer["valid"] is False
    assert answer["status"] == "revoked"
    assert answer["revocationReason"] == "Fraude"


def test_openbadges_expired_credential_reports_expired(certificate):
    """Past its expiry, the credential reports expired."""
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    answer = verify(certificate.credential_jwt)
    assert (answer["valid"], answer["status"]) == (False, "expired")


def test_openbadges_key_rotation_keeps_old_credentials_valid(settings, certificate, other_rsa_pem):
    """A new active key signs new credentials; the old key stays published and still verifies."""
    old_kid = jwt.get_unverified_header(certificate.credential_jwt)["kid"]
    settings.OPENBADGES_SIGNING_KEYS = [other_rsa_pem, settings.OPENBADGES_SIGNING_KEYS[0]]
    published = [key["kid"] for key in keys.jwks()["keys"]]
    assert len(published) == 2 and published[1] == old_kid
    assert verify(certificate.credential_jwt)["status"] == "valid"
    new_token = credentials.credential_jwt(certificate)
    assert jwt.get_unverified_header(new_token)["kid"] == published[0]
    assert verify(new_token)["status"] == "valid"


def test_openbadges_es256_keys_sign_too(settings, certificate, validator):
    """An EC P-256 key signs with ES256 and verifies the same way."""
    settings.OPENBADGES_SIGNING_KEYS = [generate_private_key_pem("ES256")]
    token = credentials.credential_jwt(certificate, email="camille.martin@campus.example")
    assert jwt.get_unverified_header(token)["alg"] == "ES256"
    assert verify(token)["status"] == "valid"
    payload = payload_of(token)
    assert not list(
        validator.iter_errors({k: v for k, v in payload.items() if k not in JWT_CLAIMS})
    )


def test_openbadges_email_identifier_is_salted_hash(certificate):
    """The e-mail address is not disclosed: a salted SHA-256 that a verifier can recompute."""
    identifiers = payload_of(certificate.credential_jwt)["credentialSubject"]["identifier"]
    email = next(i for i in identifiers if i["identityType"] == "emailAddress")
    assert email["hashed"] is True
    assert certificate.user.email not in certificate.credential_jwt
    assert email["identityHash"] == credentials.hashed_email(certificate.user.email, email["salt"])


def test_openbadges_issuer_profile_and_achievement_published(client, certificate):
    """The issuer profile is served at its id; the path's achievement at its id."""
    profile = client.get("/openbadges/issuer").json()
    assert profile["id"] == "http://testserver/openbadges/issuer"
    assert profile["type"] == ["Profile"]
    assert profile["name"] == "Campus du numérique public — DINUM"
    achievement_id = payload_of(certificate.credential_jwt)["credentialSubject"]["achievement"][
        "id"
    ]
    achievement = client.get(achievement_id.removeprefix("http://testserver")).json()
    assert achievement["id"] == achievement_id
    assert achievement["type"] == ["Achievement"]
    assert "criteria" in achievement
    assert client.get("/openbadges/achievements/999999").status_code == 404
    assert client.get("/openbadges/jwks.json")["Access-Control-Allow-Origin"] == "*"


def test_openbadges_garbage_is_invalid():
    """Something that is not a JWT is reported as such."""
    answer = verify("pas un jeton")
    assert (answer["valid"], answer["status"]) == (False, "invalid")
    assert verify("")["errors"]
