"""The issuer's signing keys: loaded from settings, published as JWKs.

`settings.OPENBADGES_SIGNING_KEYS` lists PEM private keys; the first one signs new credentials,
the others stay published so that credentials signed before a rotation still verify. RSA keys
(2048 bits or more) sign with RS256, EC P-256 keys with ES256.

Each key's `kid` is a URL ending with its RFC 7638 thumbprint, `<SITE_URL>/openbadges/keys/
<thumbprint>`, which answers the public JWK: Open Badges 3.0 asks for a `kid` that can be
dereferenced to the key, and the same `kid` appears in the JWKS, so generic JOSE libraries find
the key there too. Verification also matches on the thumbprint alone, so credentials keep
verifying if the site's address changes.
"""

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from jwt.algorithms import ECAlgorithm, RSAAlgorithm


class SigningKeyMissing(ImproperlyConfigured):
    """No signing key is configured: credentials cannot be signed."""


@dataclass(frozen=True)
class SigningKey:
    private_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    algorithm: str  # "RS256" or "ES256"
    thumbprint: str

    @property
    def public_key(self):
        return self.private_key.public_key()

    @property
    def kid(self) -> str:
        return settings.SITE_URL + reverse("openbadges_key", args=[self.thumbprint])

    def public_jwk(self) -> dict:
        """The public key as a JWK, with its `kid`, `alg` and `use`."""
        jwk = _public_jwk_members(self.public_key)
        return {**jwk, "kid": self.kid, "alg": self.algorithm, "use": "sig"}


def _public_jwk_members(public_key) -> dict:
    if isinstance(public_key, rsa.RSAPublicKey):
        jwk = RSAAlgorithm.to_jwk(public_key, as_dict=True)
    else:
        jwk = ECAlgorithm.to_jwk(public_key, as_dict=True)
    jwk.pop("key_ops", None)  # "use" says it instead (RFC 7517: not both)
    return jwk


def thumbprint(public_key) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url without padding)."""
    jwk = _public_jwk_members(public_key)
    required = ("e", "kty", "n") if jwk["kty"] == "RSA" else ("crv", "kty", "x", "y")
    canonical = json.dumps({name: jwk[name] for name in required}, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def load_key(pem: str) -> SigningKey:
    """Parse one PEM private key; refuse what the campus does not sign with."""
    try:
        private_key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "OPENBADGES_SIGNING_KEYS: a key is not an unencrypted PEM private key."
        ) from error
    if isinstance(private_key, rsa.RSAPrivateKey):
        if private_key.key_size < 2048:
            raise ImproperlyConfigured("OPENBADGES_SIGNING_KEYS: RSA keys need 2048 bits or more.")
        algorithm = "RS256"
    elif isinstance(private_key, ec.EllipticCurvePrivateKey) and isinstance(
        private_key.curve, ec.SECP256R1
    ):
        algorithm = "ES256"
    else:
        raise ImproperlyConfigured(
            "OPENBADGES_SIGNING_KEYS: only RSA and EC P-256 keys are supported."
        )
    return SigningKey(private_key, algorithm, thumbprint(private_key.public_key()))


@lru_cache(maxsize=4)
def _load_all(pems: tuple[str, ...]) -> tuple[SigningKey, ...]:
    return tuple(load_key(pem) for pem in pems)


def signing_keys() -> tuple[SigningKey, ...]:
    """Every configured key, the active one first (parsed once per configuration)."""
    return _load_all(tuple(settings.OPENBADGES_SIGNING_KEYS))


def active_key() -> SigningKey:
    keys = signing_keys()
    if not keys:
        raise SigningKeyMissing(
            "No Open Badges signing key: set OPENBADGES_SIGNING_KEY_FILES or "
            "OPENBADGES_SIGNING_KEY (development: `manage.py ensure_signing_key`)."
        )
    return keys[0]


def find_key(kid: str | None) -> SigningKey | None:
    """The published key a JWT header's `kid` names (its URL, or the thumbprint it ends with)."""
    if not kid or not isinstance(kid, str):
        return None
    wanted = kid.rstrip("/").rsplit("/", 1)[-1]
    return next((key for key in signing_keys() if key.thumbprint == wanted), None)


def jwks() -> dict:
    """The JWK Set published at /openbadges/jwks.json: every configured key, public part only."""
    return {"keys": [key.public_jwk() for key in signing_keys()]}


def generate_private_key_pem(algorithm: str = "RS256") -> str:
    """A new unencrypted PEM private key (RSA 3072 bits, or EC P-256 for ES256)."""
    if algorithm == "ES256":
        private_key = ec.generate_private_key(ec.SECP256R1())
    else:
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
