"""The ProConnect side of the OpenID Connect authorization code flow.

Everything here talks to the provider or checks what it sent; nothing touches users or sessions.
Configuration comes from `settings.PROCONNECT` only. Every failure raises `ProConnectError`, whose
message is technical (for the logs), never shown to the agent.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

logger = logging.getLogger(__name__)

# ProConnect rejects any other authorize parameter ("Y000400 : Bad Request Exception"): the
# required ones are always sent, the optional ones only when asked for.
OPTIONAL_AUTHORIZE_PARAMETERS = frozenset({"claims", "prompt", "idp_hint", "login_hint"})
# Asymmetric algorithms only: the signature is checked against the provider's published keys.
SIGNING_ALGORITHMS = ("RS256", "ES256")
DISCOVERY_CACHE_SECONDS = 3600
JWKS_CACHE_SECONDS = 3600
# Tolerated clock difference between ProConnect and the campus when checking exp and iat.
CLOCK_SKEW_SECONDS = 30
# ProConnect requires at least 32 characters; token_urlsafe(32) gives 43.
RANDOM_TOKEN_BYTES = 32

REQUIRED_ENDPOINTS = (
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
)


class ProConnectError(Exception):
    """The flow cannot go on: the provider sent something that fails a check, or is unreachable."""


class ProConnectUnavailable(ProConnectError):
    """The provider could not be reached or answered with an HTTP error."""


@dataclass(frozen=True)
class Tokens:
    """What the token endpoint returned, once the id_token has been verified."""

    access_token: str
    id_token: str
    id_token_claims: dict[str, Any]


def is_configured() -> bool:
    """True when the campus has ProConnect credentials (the login button is then shown)."""
    return bool(settings.PROCONNECT.get("CLIENT_ID"))


def new_random_token() -> str:
    """A fresh unguessable value for `state` or `nonce` (43 URL-safe characters)."""
    return secrets.token_urlsafe(RANDOM_TOKEN_BYTES)


def _config() -> dict[str, Any]:
    return settings.PROCONNECT


def _cache_key(kind: str, url: str) -> str:
    return f"proconnect:{kind}:{hashlib.sha256(url.encode()).hexdigest()}"


def _get_json(url: str, **kwargs) -> dict[str, Any]:
    """GET a JSON document, turning network and format problems into ProConnectError."""
    try:
        response = requests.get(url, timeout=_config()["TIMEOUT"], **kwargs)
        response.raise_for_status()
        document = response.json()
    except requests.RequestException as error:
        raise ProConnectUnavailable(f"GET {url} failed: {error}") from error
    except ValueError as error:
        raise ProConnectError(f"GET {url} did not return JSON: {error}") from error
    if not isinstance(document, dict):
        raise ProConnectError(f"GET {url} did not return a JSON object")
    return document


LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def is_secure_url(url: str) -> bool:
    """HTTPS, or plain HTTP to this machine (a provider on loopback cannot be intercepted)."""
    parts = urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)


def get_discovery_document() -> dict[str, Any]:
    """The provider's OpenID configuration, from the cache or fetched from DISCOVERY_URL."""
    url = _config()["DISCOVERY_URL"]
    key = _cache_key("discovery", url)
    document = cache.get(key)
    if document is None:
        document = _get_json(url)
        missing = [name for name in REQUIRED_ENDPOINTS if not document.get(name)]
        if missing:
            raise ProConnectError(f"discovery document lacks {', '.join(missing)}")
        insecure = [
            name
            for name in REQUIRED_ENDPOINTS
            if name != "issuer" and not is_secure_url(str(document[name]))
        ]
        if insecure and not settings.DEBUG:
            # Codes, tokens and identities would cross the network in clear.
            raise ProConnectError(f"discovery document has non-HTTPS {', '.join(insecure)}")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def _get_jwks(*, refresh: bool = False) -> dict[str, Any]:
    url = get_discovery_document()["jwks_uri"]
    key = _cache_key("jwks", url)
    jwks = None if refresh else cache.get(key)
    if jwks is None:
        jwks = _get_json(url)
        if not isinstance(jwks.get("keys"), list):
            raise ProConnectError("JWKS document has no key list")
        cache.set(key, jwks, JWKS_CACHE_SECONDS)
    return jwks


def _signing_keys(jwks: dict[str, Any], kid: str | None, algorithm: str) -> list[jwt.PyJWK]:
    """The provider keys that may have signed a token with this `kid` and algorithm."""
    keys = []
    for data in jwks["keys"]:
        if data.get("use", "sig") != "sig" or data.get("alg", algorithm) != algorithm:
            continue
        if kid is not None and data.get("kid") != kid:
            continue
        try:
            keys.append(jwt.PyJWK(data, algorithm=algorithm))
        except jwt.PyJWTError:
            continue  # A key of another type (e.g. RSA when ES256 is used): not a candidate.
    return keys


def verify_signed_token(token: str, *, required: list[str], what: str = "token") -> dict[str, Any]:
    """Check a JWT from ProConnect (signature against the JWKS, iss, aud, exp); return its claims.

    A `kid` unknown to the cached key set triggers one refetch, so key rotation works.
    """
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise ProConnectError(f"{what} is not a JWT: {error}") from error
    algorithm = header.get("alg")
    if algorithm not in SIGNING_ALGORITHMS:
        raise ProConnectError(f"{what} has unexpected signing algorithm {algorithm!r}")
    kid = header.get("kid")
    keys = _signing_keys(_get_jwks(), kid, algorithm)
    if not keys:
        keys = _signing_keys(_get_jwks(refresh=True), kid, algorithm)
    if not keys:
        raise ProConnectError(f"{what}: no provider key for kid={kid!r} alg={algorithm}")
    last_error: jwt.PyJWTError | None = None
    for key in keys:
        try:
            return jwt.decode(
                token,
                key=key,
                algorithms=[algorithm],
                audience=_config()["CLIENT_ID"],
                issuer=get_discovery_document()["issuer"],
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["iss", "aud", "sub", *required]},
            )
        except jwt.InvalidSignatureError as error:
            last_error = error  # Another key with the same kid may still match.
        except jwt.PyJWTError as error:
            raise ProConnectError(f"{what} rejected: {error}") from error
    raise ProConnectError(f"{what} rejected: {last_error}")


def redirect_uri() -> str:
    """The callback URL registered at ProConnect; it must match exactly, trailing slash included."""
    return settings.SITE_URL + reverse("proconnect_callback")


def post_logout_redirect_uri() -> str:
    """Where ProConnect sends the agent back after logging out (registered at ProConnect too)."""
    return settings.SITE_URL + "/"


def authorization_url(*, state: str, nonce: str, **optional: str) -> str:
    """The provider URL that starts the login, with only the parameters ProConnect accepts.

    `optional` may carry `prompt`, `idp_hint`, `login_hint` or `claims`; anything else is refused
    here rather than by ProConnect.
    """
    unknown = set(optional) - OPTIONAL_AUTHORIZE_PARAMETERS
    if unknown:
        raise ValueError(f"ProConnect refuses authorize parameters {sorted(unknown)}")
    params = {
        "response_type": "code",
        "client_id": _config()["CLIENT_ID"],
        "redirect_uri": redirect_uri(),
        "scope": " ".join(_config()["SCOPE"]),
        "state": state,
        "nonce": nonce,
        **{name: value for name, value in optional.items() if value},
    }
    return f"{get_discovery_document()['authorization_endpoint']}?{urlencode(params)}"


def exchange_code(code: str, *, nonce: str) -> Tokens:
    """Trade the authorization code for tokens (client_secret_post) and verify the id_token.

    The id_token's nonce must be the one sent in the authorize request.
    """
    endpoint = get_discovery_document()["token_endpoint"]
    try:
        response = requests.post(
            endpoint,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri(),
                "client_id": _config()["CLIENT_ID"],
                "client_secret": _config()["CLIENT_SECRET"],
            },
            headers={"Accept": "application/json"},
            timeout=_config()["TIMEOUT"],
        )
    except requests.RequestException as error:
        raise ProConnectUnavailable(f"token endpoint unreachable: {error}") from error
    if response.status_code != 200:
        error_class = ProConnectUnavailable if response.status_code >= 500 else ProConnectError
        raise error_class(f"token endpoint answered {response.status_code}: {response.text[:500]}")
    try:
        body = response.json()
        access_token, id_token = body["access_token"], body["id_token"]
    except (ValueError, KeyError, TypeError) as error:
        raise ProConnectError(f"unexpected token response: {error}") from error
    claims = verify_signed_token(id_token, required=["exp", "iat", "nonce"], what="id_token")
    if not secrets.compare_digest(str(claims["nonce"]), nonce):
        raise ProConnectError("id_token nonce differs from the one sent")
    return Tokens(access_token=access_token, id_token=id_token, id_token_claims=claims)


def fetch_userinfo(tokens: Tokens) -> dict[str, Any]:
    """The agent's claims from the userinfo endpoint: a signed JWT (`application/jwt`), verified.

    Its `sub` must be the id_token's (OpenID Connect Core 5.3.2).
    """
    endpoint = get_discovery_document()["userinfo_endpoint"]
    try:
        response = requests.get(
            endpoint,
            headers={
                "Authorization": f"Bearer {tokens.access_token}",
                "Accept": "application/jwt",
            },
            timeout=_config()["TIMEOUT"],
        )
    except requests.RequestException as error:
        raise ProConnectUnavailable(f"userinfo endpoint unreachable: {error}") from error
    if response.status_code >= 500:
        raise ProConnectUnavailable(f"userinfo endpoint answered {response.status_code}")
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if response.status_code != 200 or content_type != "application/jwt":
        # The body is not logged: it may hold the agent's personal data.
        raise ProConnectError(f"userinfo answered {response.status_code} {content_type!r}")
    claims = verify_signed_token(response.text.strip(), required=[], what="userinfo")
    if claims["sub"] != tokens.id_token_claims["sub"]:
        raise ProConnectError("userinfo sub differs from the id_token sub")
    return claims


def end_session_url(*, id_token: str, state: str) -> str:
    """The provider URL that ends the ProConnect session, then returns the agent to the campus."""
    params = {
        "id_token_hint": id_token,
        "state": state,
        "post_logout_redirect_uri": post_logout_redirect_uri(),
    }
    return f"{get_discovery_document()['end_session_endpoint']}?{urlencode(params)}"
