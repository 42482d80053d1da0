"""What every endpoint shares: JSON errors (learners.api.exceptions), the audit of authenticated
calls, keyset pagination, query parameters validated as a serializer (400 with the field)."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import generics

from learners.api import audit
from learners.api.pagination import KeysetPagination
from learners.api.serializers import ErrorSerializer

ERROR = ErrorSerializer
ERRORS = {
    400: OpenApiResponse(ERROR, description="Données ou paramètres invalides."),
    429: OpenApiResponse(ERROR, description="Trop de requêtes."),
}
CLIENT_ERRORS = {
    **ERRORS,
    401: OpenApiResponse(ERROR, description="Jeton absent, invalide ou expiré."),
    403: OpenApiResponse(ERROR, description="Le client n’a pas ce droit."),
    404: OpenApiResponse(ERROR, description="Introuvable, ou hors des unités du client."),
}


class ByUpdate(KeysetPagination):
    ordering = ("updated_at", "id")


class ById(KeysetPagination):
    ordering = ("id",)


class AuditedMixin:
    """Authenticated calls go to the audit log, whatever their outcome."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        audit.record_call(request, response, self.get_view_name())
        return response

    def query(self, serializer_class) -> dict:
        """The request's query parameters, validated (400 naming the parameter otherwise)."""
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class ApiListView(AuditedMixin, generics.ListAPIView):
    pagination_class = ById


class ApiRetrieveView(AuditedMixin, generics.RetrieveAPIView):
    lookup_url_kwarg = "id"
