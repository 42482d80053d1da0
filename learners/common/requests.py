"""What the campus reads from a request the same way everywhere."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as every rate limit and the audit log see it: allauth's reading,
    trusted proxies included (`ALLAUTH_TRUSTED_PROXY_COUNT`); None when it cannot be told."""
    if request is None:
        return None
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
