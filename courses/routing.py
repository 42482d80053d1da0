"""Wagtail's serving of a public path page, its site and route taken from the cache.

Before a page renders, Wagtail looks its site up (one query), walks the tree from the home page
(its type, then at each level the child and its type) and reads the view restrictions of the
page and its ancestors (two queries): eight queries for a path page, the same for every visitor
until the catalogue changes. For a path page, `serve` takes them from caches kept until the
next publication, move, deletion, site or view-restriction change (`courses.catalogue_version`)
and hands them to Wagtail's own `serve` (`Page.route_for_request` and `Site.find_for_request`
use what the request already holds). Any other URL is routed by Wagtail as before.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from courses import catalogue_version
from courses.models import TrainingPathPage


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's `serve` view (same URL pattern and name, see campus/urls.py)."""
    site, page = cached_route(request, path)
    if page is not None:
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page)
    return wagtail_serve(request, path)


def cached_route(request: HttpRequest, path: str) -> tuple[Site | None, TrainingPathPage | None]:
    """The request's site and the live path page at `path` (None when it is not one)."""
    if not catalogue_version.is_enabled() or settings.WAGTAIL_I18N_ENABLED:
        return None, None  # translated sites: Wagtail routes from the root's translation
    # The host was checked against ALLOWED_HOSTS (CommonMiddleware): a few keys only.
    hostname = split_domain_port(request._get_raw_host())[0]
    site, root_url_path = catalogue_version.cached(
        f"courses:site:{hostname}:{request.get_port()}", lambda: _site_for(request), local=True
    )
    page_id = _live_path_ids().get(f"{root_url_path}{path}") if site is not None else None
    if page_id is None:
        return site, None
    page = catalogue_version.cached(
        f"courses:routed-path:{page_id}", lambda: _routed_path(page_id), local=True
    )
    return site, page


def _site_for(request: HttpRequest) -> tuple[Site | None, str]:
    site = Site.find_for_request(request)
    return site, site.root_page.url_path if site is not None else ""


def _live_path_ids() -> dict[str, int]:
    """{url_path: page id} of the live paths: Wagtail routes by slugs from the site's root, so
    a path's URL is its `url_path` without the root's, and a path page has no sub-routes (its
    `route` is Wagtail's). One query, cached."""
    return catalogue_version.cached(
        "courses:live-path-ids",
        lambda: dict(TrainingPathPage.objects.live().values_list("url_path", "pk")),
        local=True,
    )


def _routed_path(page_id: int) -> TrainingPathPage | None:
    """The path page as Wagtail's routing gives it, with its theme and cover image, and the ids
    of the view restrictions that apply to it (`TrainingPathPage.get_view_restrictions`).
    `search_text` (its lessons' text, for the search index only) is left out of the entry."""
    page = (
        TrainingPathPage.objects.live()
        .select_related("theme", "cover_image")
        .defer("search_text")
        .filter(pk=page_id)
        .first()
    )
    if page is not None:
        page.cached_view_restriction_ids = list(
            page.get_view_restrictions().values_list("pk", flat=True)
        )
    return page
