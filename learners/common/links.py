"""Absolute links for what leaves the campus: e-mails, calendar events, credentials."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as `reverse` gives it) on the campus's public address, `settings.SITE_URL`."""
    return settings.SITE_URL + path


def page_url(page) -> str:
    """A Wagtail page's public address, absolute even when the page's site has no hostname."""
    url = page.get_url() or ""
    return url if url.startswith("http") else absolute_url(url)
