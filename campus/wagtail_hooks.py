"""Wagtail hooks of the project: public pages served from the cache to anonymous visitors."""

from wagtail import hooks

from campus import page_cache


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    """Pages that declare `anonymous_cache_seconds` are cached for anonymous visitors, unless
    their viewing is restricted (campus/page_cache.py)."""
    seconds = getattr(page, "anonymous_cache_seconds", 0)
    if seconds and not request.user.is_authenticated and not page.get_view_restrictions():
        page_cache.allow(request, seconds)
