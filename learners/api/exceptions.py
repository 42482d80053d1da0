"""Every error of the API as JSON: a stable `code`, a French `message` and, for invalid data,
the `errors` of each field: `{"code": "donnees_invalides", "message": "…", "errors": {"due_date":
["…"]}}`. The services' refusals (`learners.common.exceptions`) answer like the screens: 404,
403, or 400 with their message."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from learners.common.exceptions import LearnerServiceError, NotAllowed, NotFound

CODES = {
    exceptions.ValidationError: "donnees_invalides",
    exceptions.ParseError: "requete_illisible",
    exceptions.NotAuthenticated: "non_authentifie",
    exceptions.AuthenticationFailed: "authentification_echouee",
    exceptions.PermissionDenied: "acces_refuse",
    exceptions.NotFound: "introuvable",
    exceptions.MethodNotAllowed: "methode_non_autorisee",
    exceptions.NotAcceptable: "format_non_disponible",
    exceptions.UnsupportedMediaType: "format_non_accepte",
    exceptions.Throttled: "trop_de_requetes",
}


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        errors = {}
        for field, value in detail.items():
            if isinstance(value, dict):
                for inner, messages in _field_errors(value).items():
                    errors[f"{field}.{inner}"] = messages
            elif isinstance(value, list):
                errors[str(field)] = [
                    str(item) if not isinstance(item, dict | list) else _("Valeur invalide.")
                    for item in value
                ]
            else:
                errors[str(field)] = [str(value)]
        return errors
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {"non_field_errors": [str(detail)]}


def error_body(code: str, message: str, errors: dict | None = None) -> dict:
    return {"code": code, "message": message, "errors": errors or {}}


def json_exception_handler(exc, context):
    if isinstance(exc, NotFound):
        exc = exceptions.NotFound(str(exc.message))
    elif isinstance(exc, NotAllowed):
        exc = exceptions.PermissionDenied(str(exc.message))
    elif isinstance(exc, LearnerServiceError):
        return Response(
            error_body("refus_du_service", str(exc.message)), status=status.HTTP_400_BAD_REQUEST
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Cet objet n’existe pas ou ne vous est pas accessible."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = next((code for kind, code in CODES.items() if isinstance(exc, kind)), "erreur")
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            code, _("Les données envoyées ne sont pas valides."), _field_errors(exc.detail)
        )
    else:
        body = error_body(code, str(exc.detail))
    response.data = body
    return response
