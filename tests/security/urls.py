"""Every URL pattern of the campus, as the resolver knows them, and how to fill each with ids.

`collect_patterns()` walks `get_resolver().url_patterns` recursively and returns the full route
of each pattern. Wagtail's own admin is left out by ADMIN_BUILTIN (everything under /cms/ except
the prefixes of our own admin views, OUR_ADMIN_PREFIXES): those views are Wagtail's, tested by
Wagtail, and guarded by its `access_admin` permission. Wagtail's page catch-all is replaced by
one key per page type ("page:HomePage", ...), each served through one live page.
"""

from django.urls import URLResolver, get_resolver

ADMIN_PREFIX = "cms/"
# Our admin views: the login redirect, attendance, certificates, audit log, RGPD erasure
# requests and path statistics (learners), the catalogue snippets (themes, skills) and the
# SCORM/H5P packages listing.
OUR_ADMIN_PREFIXES = (
    "cms/login/",  # ours: campus/urls.py sends the admin login to allauth
    "cms/presences/",
    "cms/certificats/",
    "cms/journal-audit/",
    "cms/clients-api/",
    "cms/effacements/",
    "cms/statistiques-parcours/",
    "cms/snippets/courses/theme/",
    "cms/snippets/courses/skilltag/",
    "cms/content_packages/",
)
WAGTAIL_SERVE = r"^((?:[\w\-]+/)*)$"
PAGE_TYPES = (
    "HomePage",
    "CatalogPage",
    "TrainingPathPage",
    "CoursePage",
    "LessonPage",
    "QuizPage",
    "ScormActivityPage",
    "H5PActivityPage",
)


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def is_builtin_admin(route: str) -> bool:
    return route.startswith(ADMIN_PREFIX) and not route.startswith(OUR_ADMIN_PREFIXES)


def collect_patterns() -> set[str]:
    """The routes the matrix must cover (page types instead of Wagtail's catch-all)."""
    routes = set()
    for route in _walk(get_resolver().url_patterns):
        if is_builtin_admin(route):
            continue
        if route == WAGTAIL_SERVE:
            routes.update(f"page:{name}" for name in PAGE_TYPES)
        else:
            routes.add(route)
    return routes
