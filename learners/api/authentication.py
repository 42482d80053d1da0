"""Bearer tokens of the API's machine clients (OAuth 2.0 client credentials).

A client-credentials token has no user: the request's user stays anonymous and `request.auth`
is the access token, whose `api_client` is the campus's client (refused when deactivated).
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.exceptions import AuthenticationFailed


class ClientCredentialsAuthentication(OAuth2Authentication):
    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            if request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer "):
                # A token was sent but is unknown or expired: say so rather than serve the
                # public view as if nothing had been sent.
                raise AuthenticationFailed(_("Jeton d’accès invalide ou expiré."))
            return None
        _user, token = found
        client = getattr(token.application, "api_client", None)
        if client is None or not client.is_active:
            raise AuthenticationFailed(_("Ce client de l’API est désactivé."))
        token.api_client = client
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
