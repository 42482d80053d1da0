"""Published content: Wagtail, its search, uploads and the video players lessons may embed."""

from pathlib import Path

from campus.settings.core import MEDIA_ROOT, SITE_URL
from campus.settings.env import getenv, getenv_int, getenv_list

WAGTAIL_SITE_NAME = "Campus du numérique public"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
# Wagtail's database search (SQLite FTS5, PostgreSQL full-text search), a query's words also
# finding the words they begin (courses/search.py). Case and accents are ignored: by FTS5's
# tokenizer on SQLite; on PostgreSQL by this text search configuration, `simple_unaccent`
# (created by migration courses/0009: no stemming, accents removed by `unaccent`). Run
# `manage.py update_index` after changing it.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "courses.search",
        "SEARCH_CONFIG": getenv("SEARCH_CONFIG", "simple_unaccent"),
    }
}
# Lessons' audio and video files are uploaded as documents, with their own size limit.
COURSES_VIDEO_EXTENSIONS = ["mp4", "webm"]
COURSES_AUDIO_EXTENSIONS = ["mp3", "ogg", "m4a"]
WAGTAILDOCS_EXTENSIONS = [
    *["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "zip"],
    *COURSES_VIDEO_EXTENSIONS,
    *COURSES_AUDIO_EXTENSIONS,
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.uploads.CampusDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG: it may carry scripts
WAGTAILIMAGES_MAX_UPLOAD_SIZE = getenv_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
DOCUMENT_MAX_UPLOAD_SIZE = getenv_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
MEDIA_FILE_MAX_UPLOAD_SIZE = getenv_int("MEDIA_FILE_MAX_UPLOAD_MB", 200) * 1024 * 1024
# Video players allowed in lessons, by provider; lessons store the page address of the video.
COURSES_VIDEO_PROVIDERS = {
    "youtube": ["www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be"],
    "vimeo": ["vimeo.com", "www.vimeo.com", "player.vimeo.com"],
    "dailymotion": ["www.dailymotion.com", "dailymotion.com", "dai.ly"],
    "peertube": getenv_list("COURSES_PEERTUBE_HOSTS"),
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document downloads (never displayed by the browser on the campus's origin); the serve
# view also sends a restrictive CSP (campus/middleware.py).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# The admin calls no third party: no Gravatar (agents' e-mail hashes), no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Content computed from the published catalogue (outlines, search results, pages served to
# anonymous visitors) is cached this many seconds at most; publishing retires it at once
# (courses/catalogue_version.py). 0 turns these caches off.
CONTENT_CACHE_TIMEOUT = getenv_int("CONTENT_CACHE_TIMEOUT", 3600)

# SCORM and H5P content packages (docs/content-packages.md): each uploaded file is extracted once
# into PACKAGE_ROOT/<sha256 of the file>/, served only on the content origin. The limits refuse
# oversized uploads and zip bombs before anything is written.
PACKAGE_ROOT = Path(getenv("PACKAGE_ROOT", str(MEDIA_ROOT / "packages")))
PACKAGE_MAX_UPLOAD_BYTES = getenv_int("PACKAGE_MAX_UPLOAD_MB", 200) * 1024 * 1024
PACKAGE_MAX_UNCOMPRESSED_BYTES = getenv_int("PACKAGE_MAX_UNCOMPRESSED_MB", 500) * 1024 * 1024
PACKAGE_MAX_FILES = getenv_int("PACKAGE_MAX_FILES", 5000)
PACKAGE_MAX_COMPRESSION_RATIO = getenv_int("PACKAGE_MAX_COMPRESSION_RATIO", 100)
