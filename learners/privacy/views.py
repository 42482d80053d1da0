"""Mon espace → "Mes données": the agent downloads what the campus holds about them (JSON, or a
zip of CSVs) and may ask for their account to be erased (confirmed by an administrator)."""

import csv
import io
import json
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from learners.common.spreadsheets import safe_cell
from learners.privacy import audit, services
from learners.privacy.models import AuditEvent, ErasureRequest
from learners.privacy.selectors import personal_data_for


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _filename(extension: str) -> str:
    return f"mes-donnees-campus-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
@require_GET
def personal_data(request):
    """The page: what is kept, the downloads, and the erasure request."""
    pending = ErasureRequest.objects.pending().filter(user=request.user).first()
    return render(
        request,
        "learners/privacy/personal_data.html",
        {
            "title": _("Mes données"),
            "breadcrumb": [{"label": _("Mon espace"), "url": reverse("dashboard")}],
            "pending_erasure": pending,
        },
    )


@login_required
@require_GET
def personal_data_json(request):
    """Everything about the agent, as one JSON document."""
    data = personal_data_for(request.user)
    audit.record(
        actor=request.user,
        action=AuditEvent.Action.PERSONAL_DATA_EXPORTED,
        target=request.user,
        details={"format": "json"},
    )
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _download(content.encode(), content_type="application/json", filename=_filename("json"))


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    key: safe_cell(
                        json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
                    )
                    for key, value in row.items()
                }
            )
    return out.getvalue()


@login_required
@require_GET
def personal_data_zip(request):
    """Everything about the agent, as a zip with one CSV per section (UTF-8 with BOM, ";")."""
    data = personal_data_for(request.user)
    audit.record(
        actor=request.user,
        action=AuditEvent.Action.PERSONAL_DATA_EXPORTED,
        target=request.user,
        details={"format": "zip"},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section, rows in data.items():
            archive.writestr(f"{section}.csv", "\ufeff" + _csv(rows))
    return _download(buffer.getvalue(), content_type="application/zip", filename=_filename("zip"))


@login_required
@require_POST
def personal_data_erasure(request):
    """The agent asks for the erasure of their account (the box must be ticked)."""
    if request.POST.get("confirmation") != "oui":
        messages.error(request, _("Cochez la case pour confirmer votre demande d’effacement."))
        return redirect("personal_data")
    services.request_erasure(user=request.user)
    messages.success(
        request,
        _(
            "Votre demande d’effacement est enregistrée. Un administrateur la confirmera ; "
            "votre compte sera alors anonymisé."
        ),
    )
    return redirect("personal_data")
