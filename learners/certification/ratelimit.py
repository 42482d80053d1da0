"""A fixed-window limit on lookups by code, per client IP, in the shared cache.

The verification page answers whether a typed code exists: without a limit, someone could try
codes in bulk. Codes carry 50 random bits, so at CERTIFICATE_VERIFY_RATE_LIMIT lookups per
CERTIFICATE_VERIFY_RATE_WINDOW seconds, finding one by chance is out of reach. The client IP is
the one allauth's rate limits use (`ALLAUTH_TRUSTED_PROXY_COUNT` behind proxies).
"""

from django.conf import settings
from django.core.cache import cache

from learners.common.requests import client_ip


def consume_lookup(request) -> bool:
    """Count one lookup for the client; False when it is over the limit."""
    limit = settings.CERTIFICATE_VERIFY_RATE_LIMIT
    window = settings.CERTIFICATE_VERIFY_RATE_WINDOW
    key = f"certificates:verify:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit
