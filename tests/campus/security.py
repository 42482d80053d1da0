"""Assertions on the security headers every response of the campus carries.

`assert_security_headers(response)` works on any test-client response (page, redirect, JSON, error)
and is meant to be reused wherever URLs are enumerated (the access-control matrix included).
"""

import re

from bs4 import BeautifulSoup

PERMISSIONS_DENIED = ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort")
NONCE_SOURCE = re.compile(r"^'nonce-([A-Za-z0-9+/=]+)'$")
ADMIN_PREFIX = "/cms/"


def content_security_policy(response) -> dict[str, list[str]]:
    """The response's CSP as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.wsgi_request.path}"
    directives = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        assert name not in directives, f"{name} appears twice in {header!r}"
        directives[name] = sources
    return directives


def script_nonce(policy: dict[str, list[str]]) -> str:
    """The nonce allowed by script-src."""
    nonces = [m[1] for source in policy["script-src"] if (m := NONCE_SOURCE.match(source))]
    assert len(nonces) == 1, f"script-src should allow exactly one nonce: {policy['script-src']}"
    return nonces[0]


def assert_security_headers(response) -> dict[str, list[str]]:
    """Check the headers shared by every response, and the nonce of every script of an HTML page.

    Returns the parsed Content-Security-Policy for further checks.
    """
    path = response.wsgi_request.path
    headers = response.headers
    assert headers.get("X-Frame-Options") in {"DENY", "SAMEORIGIN"}, path
    assert headers.get("X-Content-Type-Options") == "nosniff", path
    assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", path
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin", path
    permissions = headers.get("Permissions-Policy", "")
    for feature in PERMISSIONS_DENIED:
        assert f"{feature}=()" in permissions, f"{feature} not denied on {path}"

    policy = content_security_policy(response)
    assert policy["default-src"] == ["'self'"], path
    assert policy["object-src"] == ["'none'"], path
    assert policy["base-uri"] == ["'self'"], path
    expected_ancestors = "'self'" if headers["X-Frame-Options"] == "SAMEORIGIN" else "'none'"
    assert policy["frame-ancestors"] == [expected_ancestors], path
    assert "'unsafe-inline'" not in policy["script-src"], path
    assert "'unsafe-eval'" not in policy["script-src"], path
    assert "'self'" in policy["script-src"], path
    if not path.startswith(ADMIN_PREFIX):
        # Only the Wagtail admin's editor needs inline styles.
        assert "'unsafe-inline'" not in policy["style-src"], path
    assert "form-action" in policy and "'self'" in policy["form-action"], path
    nonce = script_nonce(policy)

    if "text/html" in headers.get("Content-Type", "") and response.content:
        for script in BeautifulSoup(response.content, "html.parser").find_all("script"):
            if script.get("type") == "application/json":
                continue  # Data, never executed.
            if script.get("src") and not script.has_attr("nonce"):
                continue  # A file of the campus ('self').
            assert script.get("nonce") == nonce, f"script without the nonce on {path}: {script}"
    return policy
