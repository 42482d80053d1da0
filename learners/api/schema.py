"""The OAuth 2.0 client credentials scheme in the OpenAPI schema, with each endpoint's scope."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ClientCredentialsScheme(OpenApiAuthenticationExtension):
    target_class = "learners.api.authentication.ClientCredentialsAuthentication"
    name = "oauth2"

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/v1/oauth/token/",
                    "scopes": dict(settings.API_SCOPES),
                }
            },
        }

    def get_security_requirement(self, auto_schema):
        view = auto_schema.view
        scope = getattr(view, "required_scope", None)
        if auto_schema.method not in ("GET", "HEAD", "OPTIONS"):
            scope = getattr(view, "write_scope", scope)
        return {self.name: [scope] if scope else []}


def only_api_endpoints(endpoints):
    """The schema describes the API's endpoints, not Wagtail's admin API nor its own pages."""
    own = ("/api/v1/schema/", "/api/v1/docs/", "/api/v1/oauth/")
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith("/api/v1/") and not endpoint[0].startswith(own)
    ]
