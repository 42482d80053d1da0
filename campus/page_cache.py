"""Pages served to anonymous visitors from the cache: a public path page or the catalogue is the
same for every visitor but for two values, the Content-Security-Policy nonce and the CSRF token,
which are stored as placeholders and filled in for each request.

- Which pages: Wagtail pages whose class sets `anonymous_cache_seconds` (the wagtail hook below
  marks the request), requested with GET, without query string, by a visitor with neither a
  session nor pending messages (signed-in agents always get a fresh page).
- How long: until the catalogue's next publication (`courses.catalogue_version`) and at most
  `anonymous_cache_seconds` (what a page shows besides its content, such as the seats left in a
  session, is at most that old).
- Browsers and proxies may keep such a page as long (`Cache-Control: max-age`, `Vary: Cookie`;
  `private` when the response sets the CSRF cookie).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers

from courses import catalogue_version

NONCE_PLACEHOLDER = "campus-csp-nonce-placeholder"
CSRF_PLACEHOLDER = "campus-csrf-token-placeholder"
MARK = "_campus_anonymous_cache_seconds"
ELIGIBLE = "_campus_anonymous_cache_eligible"
CACHING = "_campus_anonymous_cache_rendering"


def allow(request: HttpRequest, seconds: int) -> None:
    """Let this response be cached for anonymous visitors (called while serving a page, before
    it is rendered), when the middleware found the request eligible."""
    if getattr(request, ELIGIBLE, False):
        setattr(request, MARK, seconds)
        setattr(request, CACHING, True)


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context processor: while a page is rendered for the cache, its forms carry a placeholder
    token (the middleware puts each visitor's own in its place)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, CACHING, False) else {}


def _eligible(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and catalogue_version.is_enabled()
    )


def _key(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"campus:anonymous-page:{request.get_host()}:{language}:{request.path}"


def _fill(request: HttpRequest, content: str) -> str:
    content = content.replace(NONCE_PLACEHOLDER, str(getattr(request, "csp_nonce", "")))
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    return content


class AnonymousPageCacheMiddleware:
    """Last in MIDDLEWARE: everything before it (security headers, locale, CSRF) runs as for
    any request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        version = catalogue_version.current()
        entry = cache.get(key)
        if entry is not None and entry[0] == version:
            _version, content_type, content, expires = entry
            response = HttpResponse(_fill(request, content), content_type=content_type)
            response["X-Campus-Cache"] = "hit"
            return self._cache_headers(request, response, max(0, round(expires - time.time())))
        setattr(request, ELIGIBLE, True)
        response = self.get_response(request)
        seconds = getattr(request, MARK, 0)
        if not getattr(request, CACHING, False) or response.streaming:
            return response
        content = response.content.decode(response.charset)
        if self._storable(request, response, seconds):
            nonce = str(getattr(request, "csp_nonce", "")) or NONCE_PLACEHOLDER
            stored = content.replace(nonce, NONCE_PLACEHOLDER)
            entry = (version, response["Content-Type"], stored, time.time() + seconds)
            cache.set(key, entry, seconds)
            response["X-Campus-Cache"] = "miss"
        if CSRF_PLACEHOLDER in content:
            response.content = content.replace(CSRF_PLACEHOLDER, get_token(request))
        if response.get("X-Campus-Cache"):
            self._cache_headers(request, response, seconds)
        return response

    @staticmethod
    def _storable(request, response, seconds: int) -> bool:
        messages = getattr(request, "_messages", None)
        return (
            seconds > 0
            and response.status_code == 200
            and "text/html" in response.get("Content-Type", "")
            and settings.SESSION_COOKIE_NAME not in response.cookies
            and not getattr(messages, "added_new", False)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _cache_headers(request, response: HttpResponse, seconds: int) -> HttpResponse:
        # The page's tokens belong to the visitor's CSRF cookie: shared caches keep it per
        # cookie, and not at all when this response sets the cookie (the CSRF middleware does,
        # after this one, for the token used above).
        patch_vary_headers(response, ["Cookie"])
        scope = "private" if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") else "public"
        patch_cache_control(response, max_age=seconds, **{scope: True})
        return response
