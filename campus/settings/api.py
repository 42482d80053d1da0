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
    "PKCE_REQUIRED": False,
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
