"""The API for HR systems and partners (learners/api/, under /api/v1/): Django REST framework,
its OpenAPI schema (drf-spectacular) and OAuth 2.0 client credentials (django-oauth-toolkit)."""

from campus.settings.env import getenv, getenv_int

# Access tokens of the machine clients expire after this many seconds (no refresh token: a
# client asks for a new one with its credentials).
API_ACCESS_TOKEN_SECONDS = getenv_int("API_ACCESS_TOKEN_SECONDS", 3600)
# Requests per client (token) and per IP without a token, DRF's "N/second|minute|hour|day".
API_CLIENT_RATE = getenv("API_CLIENT_RATE", "1000/hour")
API_ANONYMOUS_RATE = getenv("API_ANONYMOUS_RATE", "120/minute")
# Largest page a client may ask for (`page_size`), on every list.
API_MAX_PAGE_SIZE = getenv_int("API_MAX_PAGE_SIZE", 500)

API_SCOPES = {
    "catalogue:read": "Lire le catalogue",
    "records:read": "Lire les agents, inscriptions, assignations et certificats de ses unités",
    "assignments:write": "Assigner des formations aux agents de ses unités",
    "org:write": "Importer l’organisation (unités et agents)",
}

OAUTH2_PROVIDER = {
    "SCOPES": API_SCOPES,
    "DEFAULT_SCOPES": [],
    "ACCESS_TOKEN_EXPIRE_SECONDS": API_ACCESS_TOKEN_SECONDS,
    # A client gets the scopes an administrator gave it, never more (learners.api.scopes).
    "SCOPES_BACKEND_CLASS": "learners.api.scopes.ApiClientScopes",
    # Only the client credentials grant is used; every other grant and transport follows the
    # OAuth 2.0 Security BCP (RFC 9700), as django-oauth-toolkit 4 will by default.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "PKCE_REQUIRED": True,
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "learners.api.authentication.ClientCredentialsAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": ["learners.api.permissions.HasClientScope"],
    "DEFAULT_THROTTLE_CLASSES": ["learners.api.throttling.ClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "learners.api.exceptions.json_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "API du Campus du numérique public",
    "DESCRIPTION": (
        "Catalogue (public), agents, inscriptions, certificats, assignations et import de "
        "l’organisation pour les SIRH (OAuth 2.0, client credentials), statistiques ouvertes."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc from our static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["learners.api.schema.only_api_endpoints"],
    "ENUM_NAME_OVERRIDES": {
        "EnrolmentStatusEnum": "learners.learning.models.Enrolment.Status",
        "CertificateStatusEnum": "learners.certification.models.Certificate.Status",
    },
}
# django-oauth-toolkit's own models (named so that the campus's migrations can refer to them).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"
