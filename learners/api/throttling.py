"""Requests per client (its token) or, without a token, per IP address (settings API_*_RATE,
read at each request so that a changed setting applies at once)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from learners.api.permissions import api_client
from learners.common.requests import client_ip


class ClientRateThrottle(SimpleRateThrottle):
    scope = "anonymous"  # until the request tells

    def get_rate(self):
        return settings.API_CLIENT_RATE if self.scope == "client" else settings.API_ANONYMOUS_RATE

    def allow_request(self, request, view):
        self.scope = "client" if api_client(request) is not None else "anonymous"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        client = api_client(request)
        ident = f"client:{client.pk}" if client is not None else f"ip:{client_ip(request)}"
        return f"api:throttle:{ident}"
