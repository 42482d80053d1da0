"""The content origin: where trainer-supplied SCORM and H5P files are served, never on the
campus's own origin (docs/content-packages.md, "Isolation design").

- `settings.CONTENT_ORIGIN` (env `CONTENT_ORIGIN`, e.g. `https://contenus.campus.example`) names
  it. Left empty (development, tests), it is derived: the campus is on `localhost` (or on
  `127.0.0.1` when SITE_URL says so, as `make run` does) and the content origin is the other name
  of the same machine, with the request's scheme and port. Two host names are two origins: the
  browser keeps the campus's cookies (host-only) away from the content origin.
- `ContentOriginMiddleware`, right after the request log: a request to the content origin's host
  is routed with `campus.content_urls` (package files, the player page, the vendored runtimes;
  everything else is 404); on the campus host those URLs do not exist.
- `content_origin(request)` and `campus_origin(request)` answer "which origin is the other side"
  for the templates and the player's messages.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

CONTENT_URLCONF = "campus.content_urls"
# Attribute set on requests served on the content origin (read by the CSP middleware).
ON_CONTENT_ORIGIN = "campus_on_content_origin"

# The two names of the development machine: one for the campus, the other for the content.
TWINS = {"localhost": "127.0.0.1", "127.0.0.1": "localhost"}


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def configured_content_origin() -> str:
    """CONTENT_ORIGIN as configured ("" when it is derived)."""
    return _origin_of(getattr(settings, "CONTENT_ORIGIN", "") or "")


def _split_host(request: HttpRequest) -> tuple[str, str]:
    """The request's host name and ":port" ("" for none), as the browser wrote them."""
    host = request.get_host().lower()
    if host.startswith("["):  # [::1]:8000
        name, _, rest = host[1:].partition("]")
        return name, rest
    name, colon, port = host.rpartition(":")
    return (name, f":{port}") if colon and port.isdigit() else (host, "")


def _derived_campus_host() -> str:
    site = urlsplit(settings.SITE_URL).hostname or ""
    return site if site in TWINS else "localhost"


def is_content_request(request: HttpRequest) -> bool:
    """Whether the request came to the content origin's host."""
    configured = configured_content_origin()
    if configured:
        return request.get_host().lower() == urlsplit(configured).netloc
    name, _ = _split_host(request)
    return name == TWINS[_derived_campus_host()]


def content_origin(request: HttpRequest) -> str:
    """The content origin, as the campus page must name it (frame src, postMessage target)."""
    configured = configured_content_origin()
    if configured:
        return configured
    _, port = _split_host(request)
    return f"{request.scheme}://{TWINS[_derived_campus_host()]}{port}"


def campus_origin(request: HttpRequest) -> str:
    """The campus's origin: the only page allowed to frame the content origin and to talk to its
    player."""
    if not is_content_request(request):
        return f"{request.scheme}://{request.get_host()}".lower()
    if configured_content_origin():
        return _origin_of(settings.SITE_URL)
    _, port = _split_host(request)
    return f"{request.scheme}://{_derived_campus_host()}{port}"


def content_policy(request: HttpRequest) -> str:
    """The Content-Security-Policy of every content-origin response. Packages are trainers'
    HTML and JavaScript (often with inline and eval'd code): they may run it, but only on this
    throw-away origin, load nothing from elsewhere (but fonts and images as data:/blob:), and be
    framed only by the campus (and by the player page, itself on this origin)."""
    campus = campus_origin(request)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' data: blob:",
            "connect-src 'self'",
            "frame-src 'self' blob:",
            "form-action 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            f"frame-ancestors 'self' {campus}",
        ]
    )


class ContentOriginMiddleware:
    """Route content-origin requests to the content URLs (second in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if is_content_request(request):
            request.urlconf = CONTENT_URLCONF
            setattr(request, ON_CONTENT_ORIGIN, True)
            response = self.get_response(request)
            # Nothing served here sets a cookie (a session touched by a middleware included).
            for name in list(response.cookies):
                del response.cookies[name]
            return response
        return self.get_response(request)
