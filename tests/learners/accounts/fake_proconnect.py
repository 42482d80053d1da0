"""A fake ProConnect served over real HTTP on 127.0.0.1, for the login tests.

It speaks the protocol as ProConnect does: discovery document, JWKS, an authorize endpoint that
refuses unknown parameters and short state/nonce, a token endpoint (client_secret_post) issuing an
RS256 id_token carrying the nonce received at authorize, a userinfo endpoint answering a signed
JWT (`application/jwt`), and an end-session endpoint. Tests tamper with its answers through the
attributes reset by `reset()`.
"""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

CLIENT_ID = "campus-numerique-public-test"
CLIENT_SECRET = "fake-proconnect-client-secret"
AUTHORIZE_PARAMETERS = {
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "claims",
    "prompt",
    "idp_hint",
    "login_hint",
}
AGENT_CLAIMS = {
    "sub": "4d327dd1e427daf4d50296ab71d6f3fc82ccc40742943521d42cb2bae4df41af",
    "uid": "camille.durand",
    "given_name": "Camille",
    "usual_name": "Durand",
    "email": "Camille.Durand@numerique.gouv.fr",
    "siret": "13002526500013",
    "organization_label": "Direction interministérielle du numérique",
    "idp_id": "fia1v2",
}


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProConnect:
    """The fake provider; `start()` serves it in a daemon thread on a free port."""

    kid = "fake-proconnect-signing-key"

    def __init__(self) -> None:
        self.key = new_rsa_key()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.issuer = f"{self.base_url}/api/v2"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.reset()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        """Back to an honest provider with the default agent."""
        self.agent = dict(AGENT_CLAIMS)
        self.codes: dict[str, dict[str, str]] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}
        self.authorize_requests: list[dict[str, str]] = []
        self.discovery_requests = 0
        self.jwks_requests = 0
        # Tampering knobs.
        self.id_token_overrides: dict[str, Any] = {}
        self.id_token_key: rsa.RSAPrivateKey | None = None
        self.userinfo_overrides: dict[str, Any] = {}
        self.userinfo_key: rsa.RSAPrivateKey | None = None
        self.userinfo_as_json = False
        self.token_status: int | None = None
        self.discovery_overrides: dict[str, Any] = {}

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """A `PROCONNECT` setting pointing at this provider."""
        return {
            "DISCOVERY_URL": f"{self.issuer}/.well-known/openid-configuration",
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "SCOPE": ["openid", "given_name", "usual_name", "email", "uid", "siret"],
            "TIMEOUT": 5,
            **overrides,
        }

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/session/end",
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            "userinfo_signing_alg_values_supported": ["RS256", "ES256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            **self.discovery_overrides,
        }

    def jwks(self) -> dict[str, Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def sign(self, claims: dict[str, Any], key: rsa.RSAPrivateKey | None = None) -> str:
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def follow_authorize(self, url: str) -> str:
        """Play the agent at ProConnect: GET the authorize URL, return where it redirects."""
        response = requests.get(url, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    # Endpoint logic, called by the request handler.

    def authorize(self, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.authorize_requests.append(params)
        unknown = set(params) - AUTHORIZE_PARAMETERS
        if (
            unknown
            or params.get("response_type") != "code"
            or params.get("client_id") != CLIENT_ID
            or "openid" not in params.get("scope", "").split()
            or len(params.get("state", "")) < 32
            or len(params.get("nonce", "")) < 32
            or not params.get("redirect_uri")
        ):
            return 400, {"Content-Type": "application/json"}, b'{"error":"Y000400"}'
        code = secrets.token_urlsafe(24)
        self.codes[code] = {"nonce": params["nonce"], "redirect_uri": params["redirect_uri"]}
        query = urlencode({"code": code, "state": params["state"]})
        return 302, {"Location": f"{params['redirect_uri']}?{query}"}, b""

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if self.token_status:
            return self.token_status, {"Content-Type": "text/plain"}, b"unavailable"
        grant = self.codes.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return 400, {"Content-Type": "application/json"}, b'{"error":"invalid_grant"}'
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": self.agent["sub"],
            "iat": now,
            "exp": now + 60,
            "auth_time": now,
            "nonce": grant["nonce"],
            "acr": "eidas1",
            "amr": ["pwd"],
            "idp_id": self.agent["idp_id"],
            **self.id_token_overrides,
        }
        access_token = secrets.token_urlsafe(32)
        self.access_tokens[access_token] = {"issued_at": now}
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 60,
            "id_token": self.sign(claims, self.id_token_key),
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def userinfo(self, authorization: str) -> tuple[int, dict[str, str], bytes]:
        token = authorization.removeprefix("Bearer ")
        if token not in self.access_tokens:
            return 401, {"Content-Type": "application/json"}, b'{"error":"invalid_token"}'
        now = int(time.time())
        claims = {
            **self.agent,
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 60,
            **self.userinfo_overrides,
        }
        if self.userinfo_as_json:
            return 200, {"Content-Type": "application/json"}, json.dumps(claims).encode()
        body = self.sign(claims, self.userinfo_key).encode()
        return 200, {"Content-Type": "application/jwt; charset=utf-8"}, body

    def end_session(self, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        query = urlencode({"state": params.get("state", "")})
        return 303, {"Location": f"{params.get('post_logout_redirect_uri', '')}?{query}"}, b""


def _handler_for(provider: FakeProConnect) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, document: dict[str, Any]) -> None:
            self._answer(200, {"Content-Type": "application/json"}, json.dumps(document).encode())

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = {name: values[0] for name, values in parse_qs(url.query).items()}
            path = url.path.removeprefix("/api/v2")
            if path == "/.well-known/openid-configuration":
                provider.discovery_requests += 1
                self._json(provider.discovery())
            elif path == "/jwks":
                provider.jwks_requests += 1
                self._json(provider.jwks())
            elif path == "/authorize":
                self._answer(*provider.authorize(params))
            elif path == "/userinfo":
                self._answer(*provider.userinfo(self.headers.get("Authorization", "")))
            elif path == "/session/end":
                self._answer(*provider.end_session(params))
            else:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = {
                name: values[0]
                for name, values in parse_qs(self.rfile.read(length).decode()).items()
            }
            if urlsplit(self.path).path == "/api/v2/token":
                self._answer(*provider.token(form))
            else:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")

        def log_message(self, format: str, *args: Any) -> None:
            pass  # Keep the test output clean.

    return Handler


def login_with_proconnect(client, provider: FakeProConnect, **login_params: str):
    """The whole browser journey: campus login view, ProConnect authorize, campus callback.

    Returns the campus callback's response.
    """
    response = client.get(reverse("proconnect_login"), login_params)
    assert response.status_code == 302, response
    callback = urlsplit(provider.follow_authorize(response["Location"]))
    return client.get(callback.path, dict(parse_qsl(callback.query)))
