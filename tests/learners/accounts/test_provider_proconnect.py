"""The ProConnect protocol client (learners.accounts.proconnect.provider) against the fake."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import override_settings

from learners.accounts.proconnect import provider
from learners.accounts.proconnect.provider import ProConnectError
from tests.learners.accounts.fake_proconnect import CLIENT_ID, CLIENT_SECRET, new_rsa_key


def claims_for(fake, **overrides):
    now = int(time.time())
    claims = {"iss": fake.issuer, "aud": CLIENT_ID, "sub": "agent", "iat": now, "exp": now + 60}
    return {**claims, **overrides}


def test_provider_proconnect_discovery_is_cached(fake_proconnect):
    """The discovery document is fetched once, then read from the cache."""
    first = provider.get_discovery_document()
    second = provider.get_discovery_document()
    assert first == second
    assert first["issuer"] == fake_proconnect.issuer
    assert fake_proconnect.discovery_requests == 1


def test_provider_proconnect_discovery_without_endpoint_is_refused(fake_proconnect, monkeypatch):
    """A discovery document lacking an endpoint is refused and not cached."""
    incomplete = {**fake_proconnect.discovery()}
    del incomplete["end_session_endpoint"]
    monkeypatch.setattr(fake_proconnect, "discovery", lambda: incomplete)
    with pytest.raises(ProConnectError, match="end_session_endpoint"):
        provider.get_discovery_document()
    monkeypatch.undo()
    assert provider.get_discovery_document()["end_session_endpoint"]


def test_provider_proconnect_authorization_url_refuses_unknown_parameters(fake_proconnect):
    """Parameters ProConnect would reject (acr_values…) are refused before leaving the campus."""
    with pytest.raises(ValueError, match="acr_values"):
        provider.authorization_url(state="s" * 43, nonce="n" * 43, acr_values="eidas1")
    with pytest.raises(ValueError, match="client_id"):
        provider.authorization_url(state="s" * 43, nonce="n" * 43, client_id="someone-else")


def test_provider_proconnect_authorization_url_accepts_optional_parameters(fake_proconnect):
    """idp_hint, login_hint, prompt and claims are passed through."""
    url = provider.authorization_url(
        state="s" * 43, nonce="n" * 43, idp_hint="fia1v2", prompt="login"
    )
    assert "idp_hint=fia1v2" in url and "prompt=login" in url


def test_provider_proconnect_new_random_token_is_long_enough():
    """state and nonce are at least 32 characters, as ProConnect requires."""
    tokens = {provider.new_random_token() for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(token) >= 32 for token in tokens)


def test_provider_proconnect_verifies_rs256_token(fake_proconnect):
    """A token signed with the published key and addressed to the campus is accepted."""
    token = fake_proconnect.sign(claims_for(fake_proconnect))
    assert provider.verify_signed_token(token, required=["exp"])["sub"] == "agent"


def test_provider_proconnect_refetches_jwks_for_a_new_key(fake_proconnect, monkeypatch):
    """After a key rotation (unknown kid), the JWKS is fetched again and the token accepted."""
    provider.verify_signed_token(fake_proconnect.sign(claims_for(fake_proconnect)), required=[])
    monkeypatch.setattr(fake_proconnect, "key", new_rsa_key())
    monkeypatch.setattr(fake_proconnect, "kid", "rotated-key")
    token = fake_proconnect.sign(claims_for(fake_proconnect))
    assert provider.verify_signed_token(token, required=[])["sub"] == "agent"
    assert fake_proconnect.jwks_requests == 2


def test_provider_proconnect_verifies_es256_token(fake_proconnect, monkeypatch):
    """ES256, the other algorithm ProConnect offers, is verified against an EC key of the JWKS."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = jwt.algorithms.ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
    rsa_jwks = fake_proconnect.jwks()
    monkeypatch.setattr(
        fake_proconnect,
        "jwks",
        lambda: {"keys": [*rsa_jwks["keys"], {**public, "kid": "ec", "use": "sig"}]},
    )
    token = jwt.encode(claims_for(fake_proconnect), key, algorithm="ES256", headers={"kid": "ec"})
    assert provider.verify_signed_token(token, required=[])["sub"] == "agent"


def test_provider_proconnect_refuses_symmetric_algorithm(fake_proconnect):
    """An HS256 token (e.g. forged with the client secret) is refused: only RS256/ES256."""
    token = jwt.encode(claims_for(fake_proconnect), CLIENT_SECRET * 2, algorithm="HS256")
    with pytest.raises(ProConnectError, match="algorithm"):
        provider.verify_signed_token(token, required=[])


def test_provider_proconnect_refuses_unsigned_token(fake_proconnect):
    """An unsigned token (alg "none") is refused."""
    token = jwt.encode(claims_for(fake_proconnect), None, algorithm="none")
    with pytest.raises(ProConnectError, match="algorithm"):
        provider.verify_signed_token(token, required=[])


def test_provider_proconnect_refuses_token_missing_required_claim(fake_proconnect):
    """An id_token without nonce is refused."""
    token = fake_proconnect.sign(claims_for(fake_proconnect))
    with pytest.raises(ProConnectError, match="nonce"):
        provider.verify_signed_token(token, required=["nonce"])


def test_provider_proconnect_end_session_url(fake_proconnect):
    """The end-session URL carries id_token_hint, state and the post-logout redirect."""
    url = provider.end_session_url(id_token="a.b.c", state="s" * 43)
    assert url.startswith(f"{fake_proconnect.issuer}/session/end?")
    assert "id_token_hint=a.b.c" in url
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2F" in url


def test_provider_proconnect_is_configured_follows_client_id(fake_proconnect):
    """ProConnect counts as configured only with a client id."""
    assert provider.is_configured()
    with override_settings(PROCONNECT=fake_proconnect.settings(CLIENT_ID="")):
        assert not provider.is_configured()
