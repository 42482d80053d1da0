"""Who may call an endpoint: a view names its `required_scope`; public views set none.

A token must carry the scope (granted when it was issued) and the client must still have it
(an administrator may have taken it away since).
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission


def api_client(request):
    """The `ApiClient` of the request's token, or None (no token)."""
    return getattr(request.auth, "api_client", None)


class HasClientScope(BasePermission):
    def has_permission(self, request, view) -> bool:
        scope = getattr(view, "required_scope", None)
        if request.method not in SAFE_METHODS:
            scope = getattr(view, "write_scope", scope)
        if scope is None:
            return True
        client = api_client(request)
        if client is None:
            raise NotAuthenticated(_("Un jeton d’accès est nécessaire."))
        if not (request.auth.allow_scopes([scope]) and client.has_scope(scope)):
            raise PermissionDenied(
                _("Ce client n’a pas le droit « %(scope)s ».") % {"scope": scope}
            )
        return True
