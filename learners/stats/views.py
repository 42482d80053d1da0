"""The public "Statistiques ouvertes" page, its CSV and its Table Schema (no sign-in)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from learners.stats import open_data


@require_GET
def open_statistics(request):
    rows = open_data.cached_statistics()
    overall = [row for row in rows if row["dimension"] == "ensemble"][-12:]
    return render(
        request,
        "learners/stats/open_statistics.html",
        {"title": _("Statistiques ouvertes"), "overall": overall},
    )


@require_GET
def open_statistics_csv(request):
    response = HttpResponse(
        open_data.statistics_csv(open_data.cached_statistics()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="statistiques-campus.csv"'
    return response


@require_GET
def open_statistics_schema(request):
    return JsonResponse(
        open_data.TABLE_SCHEMA, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
