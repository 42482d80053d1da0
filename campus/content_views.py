"""The views of the content origin (campus/content_origin.py): package files, the player page and
the vendored runtimes. Nothing here reads a session or writes anything: these responses are
the same for everyone and carry no cookie.

`ContentPackage` is looked up through the app registry: the project uses the apps only through
their public entry points (.importlinter), and the content origin only needs the package's folder
and kind.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from campus.content_origin import campus_origin

SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Package files never change (their folder is named after the upload's SHA-256).
IMMUTABLE = "public, max-age=31536000, immutable"
# The vendored runtimes and the player's own script change with a deployment.
SHORT = "public, max-age=3600"
# The campus's own scripts that run on the content origin, beside the SCO (static files).
RUNTIME_SCRIPTS = {
    "runtime.js": "campus/package-runtime.js",
    "h5p-hook.js": "campus/package-h5p-hook.js",
}

# What packages hold, beyond what `mimetypes` knows on every system.
CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".dtd": "application/xml-dtd",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".swf": "application/octet-stream",
}


def content_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


def _package(sha256: str):
    if not SHA256.match(sha256):
        raise Http404
    ContentPackage = apps.get_model("courses", "ContentPackage")  # noqa: N806
    package = ContentPackage.objects.filter(sha256=sha256).first()
    if package is None:
        raise Http404
    return package


def _file_response(root: Path, relative: str, cache_control: str) -> FileResponse:
    parts = relative.split("/")
    if not relative or "\x00" in relative or "\\" in relative or ".." in parts:
        raise Http404
    try:
        full = Path(safe_join(str(root), relative))
    except (ValueError, SuspiciousFileOperation) as exc:  # outside root (absolute, symlink)
        raise Http404 from exc
    if not full.is_file():
        raise Http404
    response = FileResponse(full.open("rb"), content_type=content_type(relative))
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@xframe_options_exempt
def package_file(request: HttpRequest, sha256: str, path: str) -> FileResponse:
    """A file of an extracted package (the SCO's pages, H5P's libraries and content).

    Read from the package's folder without a database query: a folder under PACKAGE_ROOT is
    named after its upload's SHA-256 and appears, complete, only once that upload was validated
    (extracted aside, then renamed). An H5P content fetches dozens of files at once."""
    if not SHA256.match(sha256):
        raise Http404
    folder = Path(settings.PACKAGE_ROOT) / sha256
    if not folder.is_dir():
        raise Http404
    return _file_response(folder, path, IMMUTABLE)


@require_safe
@xframe_options_exempt
def vendor_file(request: HttpRequest, path: str) -> FileResponse:
    """A file of the vendored runtimes (scripts/fetch-vendor extracts them into vendor/)."""
    return _file_response(Path(settings.BASE_DIR) / "vendor", path, SHORT)


@require_safe
@xframe_options_exempt
def runtime_script(request: HttpRequest, name: str) -> FileResponse:
    """The player's own scripts, served here so that they are same-origin with the SCO."""
    if name not in RUNTIME_SCRIPTS:
        raise Http404
    found = finders.find(RUNTIME_SCRIPTS[name])
    if not found:
        raise Http404
    found = Path(found)
    return _file_response(found.parent, found.name, SHORT)


KIND_RUNTIMES = {
    "scorm12": ["scorm-again/dist/scorm12.min.js"],
    "scorm2004": ["scorm-again/dist/scorm2004.min.js"],
    "h5p": ["h5p-standalone/dist/main.bundle.js"],
}


@require_safe
@xframe_options_exempt
def player(request: HttpRequest, sha256: str) -> HttpResponse:
    """The player page, framed by the campus's learning view: it holds the SCORM API (or the
    H5P player), waits for the campus page's `init` message, then loads the content."""
    package = _package(sha256)
    config = {
        "kind": package.kind,
        "campus_origin": campus_origin(request),
        "files": f"/paquets/{package.sha256}/",
        "vendor": "/vendor/",
    }
    response = render(
        request,
        "campus/package_player.html",
        {
            "package": package,
            "config": config,
            "runtimes": [f"/vendor/{path}" for path in KIND_RUNTIMES.get(package.kind, [])],
        },
    )
    response["Cache-Control"] = "no-cache"
    return response


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """Anything else on the content origin: a plain 404, nothing of the campus."""
    return HttpResponse("Introuvable.", status=404, content_type="text/plain; charset=utf-8")
