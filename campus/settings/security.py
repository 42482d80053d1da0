"""Security: cookies, HTTPS and HSTS, frames, and the Content-Security-Policy."""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from campus.settings.accounts import PROCONNECT
from campus.settings.content import COURSES_VIDEO_PROVIDERS
from campus.settings.core import ALLOWED_HOSTS, DEBUG
from campus.settings.env import getenv, getenv_bool, getenv_int

SESSION_COOKIE_SECURE = getenv_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = getenv_int("SESSION_COOKIE_AGE", 8 * 3600)
SECURE_SSL_REDIRECT = getenv_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = getenv_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# The content origin: SCORM and H5P packages (trainers' HTML and JavaScript) are served there,
# never on the campus's origin (campus/content_origin.py, docs/content-packages.md). Another host
# name than the campus's, e.g. https://contenus.campus.example, pointing at the same servers.
# Empty in development and tests: `localhost` and `127.0.0.1` are then the two origins.
# `check --deploy` requires it in production. Its host is served (added to ALLOWED_HOSTS).
CONTENT_ORIGIN = getenv("CONTENT_ORIGIN", "").strip()
if CONTENT_ORIGIN and not _origin(CONTENT_ORIGIN):
    raise ImproperlyConfigured(
        f"CONTENT_ORIGIN must be scheme://host[:port], not {CONTENT_ORIGIN!r}"
    )
CONTENT_ORIGIN = (_origin(CONTENT_ORIGIN) or "").lower()
if CONTENT_ORIGIN and (_content_host := urlsplit(CONTENT_ORIGIN).hostname) not in ALLOWED_HOSTS:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, _content_host]


# Content Security Policy (django-csp; campus/middleware.py adapts it for the Wagtail admin,
# previews and documents). Scripts come only from the campus's files or carry the page's nonce
# (`request.csp_nonce`): no inline code, no third-party script.
# Frames: the video players lessons embed (courses/video.py builds their addresses).
VIDEO_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://geo.dailymotion.com",
    *(f"https://{host}" for host in COURSES_VIDEO_PROVIDERS["peertube"]),
]
# Forms may post to the campus and, for the ProConnect login and logout redirects, to ProConnect.
PROCONNECT_ORIGIN = _origin(PROCONNECT["DISCOVERY_URL"])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "connect-src": [SELF],
        "form-action": [SELF, *filter(None, [PROCONNECT_ORIGIN])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Added for the Wagtail admin (/cms/) only: its page previews are frames of the campus itself,
# and its rich text editor (Draftail) writes <style> elements whose text varies (placeholders in
# the user's language), so styles there may be inline. Scripts keep the strict policy.
ADMIN_CONTENT_SECURITY_POLICY_UPDATE = {
    "frame-src": [SELF],
    "style-src": [UNSAFE_INLINE],
}
