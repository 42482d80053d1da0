"""Import of the organisation from an HR file, for administrators: check (dry run), then apply."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from learners.accounts.permissions import is_administrator
from learners.common.responses import error_page
from learners.team import services
from learners.team.forms import OrgImportForm
from learners.team.models import OrgImport
from learners.team.views.reports import out_of_scope, team_breadcrumb, team_required


@team_required
@require_http_methods(["GET", "POST"])
def org_import(request):
    """Upload → what would change (nothing applied) → confirm → applied, all or nothing."""
    if not is_administrator(request.user):
        return error_page(
            request,
            status=403,
            message=_("L’import de l’organisation est réservé aux administrateurs."),
        )
    form = OrgImportForm()
    report = None
    if request.method == "POST" and "import_id" in request.POST:
        record = OrgImport.objects.filter(
            pk=request.POST.get("import_id")
            if request.POST.get("import_id", "").isdigit()
            else None,
            imported_by=request.user,
            applied=False,
        ).first()
        if record is None:
            return out_of_scope(request)
        report = services.import_organisation(
            file=record.content,
            dry_run=False,
            imported_by=request.user,
            file_name=record.file_name,
            record=record,
        )
        if report.applied:
            messages.success(request, _("L’import est appliqué."))
        else:
            messages.error(
                request, _("Le fichier n’a pas été appliqué : corrigez les erreurs signalées.")
            )
    elif request.method == "POST":
        form = OrgImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = services.import_organisation(
                file=upload.read(), dry_run=True, imported_by=request.user, file_name=upload.name
            )
            form = OrgImportForm()
    return render(
        request,
        "learners/team/org_import.html",
        {
            "title": _("Importer l’organisation"),
            "breadcrumb": team_breadcrumb(request.user),
            "form": form,
            "report": report,
            "history": OrgImport.objects.select_related("imported_by")[:10],
            "section": "import",
            "is_administrator": True,
        },
    )
