"""Every authenticated call of the API is in the audit log (Journal d’audit of the Wagtail admin):
which client, which endpoint, how many records it read or wrote."""

from learners.api.permissions import api_client
from learners.privacy import audit
from learners.privacy.models import AuditEvent


def record_call(request, response, view_name: str) -> None:
    client = api_client(request)
    if client is None:
        return
    data = getattr(response, "data", None)
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        count = len(data["results"])
    else:
        count = 1 if response.status_code < 400 else 0
    audit.record(
        actor=None,
        label=f"Client de l’API « {client.name} »",
        action=AuditEvent.Action.API_CALL,
        target=client,
        details={
            "endpoint": view_name,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "records": count,
        },
        request=request,
    )
