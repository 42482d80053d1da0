"""Absolute links for what leaves the campus: e-mails, calendar events, credentials."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as `reverse` gives it) on the campus's public address, `settings.SITE_URL`."""
    return settings.SITE_URL + path
