"""Mon équipe: a manager's figures, unit drill-down, agent records and exports.

Every page is for managers and administrators (others: 403) and looks ids up in the viewer's
scope (outside it: 404).
"""

import tempfile
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from learners.accounts.permissions import is_administrator, may_see_team
from learners.common.responses import error_page, not_found
from learners.learning.selectors import percent
from learners.team import charts, exports, scope, services
from learners.team.agents import agent_record, agents_table
from learners.team.figures import completions_by_month, key_figures, path_table, unit_breakdown
from learners.team.filters import SORTS, OutOfScope, resolve
from learners.team.models import TeamExport

AGENTS_PER_PAGE = 25


def team_required(view):
    """Signed-in managers and administrators only (403 for everyone else)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_see_team(request.user):
            return error_page(
                request,
                status=403,
                message=_(
                    "Ces pages sont réservées aux responsables d’équipe et aux administrateurs."
                ),
            )
        return view(request, *args, **kwargs)

    return wrapper


def out_of_scope(request):
    return not_found(request, _("Cette page n’existe pas ou ne fait pas partie de votre équipe."))


def url_with(base: str, params: dict) -> str:
    params = {key: value for key, value in params.items() if value not in ("", None)}
    return f"{base}?{urlencode(params)}" if params else base


def team_breadcrumb(user, unit=None) -> list[dict]:
    crumbs = [{"label": _("Mon équipe"), "url": reverse("team")}]
    if unit is not None:
        for ancestor in scope.ancestors_in_scope(user, unit):
            crumbs.append({"label": ancestor.name, "url": reverse("team_unit", args=[ancestor.pk])})
    return crumbs


def _sort_links(base: str, params: dict, current: str) -> dict:
    links = {}
    for key in SORTS:
        active = current.lstrip("-") == key
        descending = current.startswith("-")
        target = f"-{key}" if active and not descending else key
        links[key] = {
            "url": url_with(base, {**params, "tri": "" if target == "nom" else target, "page": ""}),
            "aria_sort": ("descending" if descending else "ascending") if active else "",
        }
    return links


def _charts(paths, months) -> dict:
    rates = [
        charts.Datum(row.title, row.completion_rate, f"{row.completion_rate} %") for row in paths
    ]
    if rates:
        best = max(rates, key=lambda datum: datum.value)
        worst = min(rates, key=lambda datum: datum.value)
        overall = percent(sum(row.completed for row in paths), sum(row.total for row in paths))
        rate_summary = _(
            "%(count)s parcours ; taux de complétion global %(overall)s %%. Le plus élevé : "
            "« %(best)s » (%(best_rate)s %%) ; le plus bas : « %(worst)s » (%(worst_rate)s %%)."
        ) % {
            "count": len(rates),
            "overall": overall,
            "best": best.label,
            "best_rate": best.display.rstrip(" %"),
            "worst": worst.label,
            "worst_rate": worst.display.rstrip(" %"),
        }
    else:
        rate_summary = _("Aucune inscription sur la période : pas de taux de complétion.")
    total = sum(month.completed for month in months)
    busiest = max(months, key=lambda month: month.completed)
    months_summary = _("%(total)s parcours terminés de %(first)s à %(last)s%(busiest)s.") % {
        "total": total,
        "first": date_format(months[0].month, "F Y"),
        "last": date_format(months[-1].month, "F Y"),
        "busiest": (
            _(" ; le mois le plus actif : %(month)s (%(count)s)")
            % {"month": date_format(busiest.month, "F Y"), "count": busiest.completed}
            if total
            else ""
        ),
    }
    return {
        "rate_chart": charts.horizontal_bars(
            chart_id="graphique-completion",
            title=_("Taux de complétion par parcours"),
            description=rate_summary,
            data=rates,
        ),
        "rate_summary": rate_summary,
        "months_chart": charts.columns(
            chart_id="graphique-mois",
            title=_("Parcours terminés par mois"),
            description=months_summary,
            data=[
                charts.Datum(month.month.strftime("%m/%y"), month.completed, str(month.completed))
                for month in months
            ],
        ),
        "months_summary": months_summary,
    }


def figure_tiles(figures) -> list[tuple[str, str]]:
    rate = figures.assigned_completion_rate
    return [
        (number_format(figures.agents, force_grouping=True), _("agents")),
        (
            number_format(figures.enrolled_agents, force_grouping=True),
            _("agents inscrits à au moins un parcours"),
        ),
        (number_format(figures.paths_completed, force_grouping=True), _("parcours terminés")),
        ("—" if rate is None else f"{rate} %", _("des formations obligatoires terminées")),
        (
            number_format(figures.overdue, force_grouping=True),
            _("formations obligatoires en retard"),
        ),
        (
            number_format(figures.hours, decimal_pos=1, force_grouping=True) + " h",
            _("heures de formation"),
        ),
    ]


def _team_page(request, unit=None):
    try:
        form, query = resolve(request.user, request.GET, unit=unit)
    except OutOfScope:
        return out_of_scope(request)
    base = request.path
    params = query.params()
    if unit is not None and query.focus == unit:
        params.pop("unite", None)  # the unit is in the URL
    figures = key_figures(query)
    paths = path_table(query)
    months = completions_by_month(query)
    paginator = Paginator(agents_table(query), AGENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    export_params = query.params()
    focus = query.focus
    context = {
        "title": focus.name if unit is not None else _("Mon équipe"),
        "breadcrumb": team_breadcrumb(request.user, unit) if unit is not None else [],
        "form": form,
        "query": query,
        "active_filters": sum(
            1 for name in ("periode", "unite", "parcours", "statut") if name in params
        ),
        "unit": unit,
        "focus": focus,
        "is_administrator": is_administrator(request.user),
        "roots": scope.top_units(request.user),
        "figures": figures,
        "figure_tiles": figure_tiles(figures),
        "section": "team",
        "paths": paths,
        "breakdown": unit_breakdown(query),
        "months": months,
        "page": page,
        "page_links": [
            {"number": number, "url": url_with(base, {**params, "page": number})}
            for number in page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        ],
        "previous_url": url_with(base, {**params, "page": page.number - 1})
        if page.has_previous()
        else "",
        "next_url": url_with(base, {**params, "page": page.number + 1}) if page.has_next() else "",
        "first_url": url_with(base, {**params, "page": 1}),
        "last_url": url_with(base, {**params, "page": paginator.num_pages}),
        "sort_links": _sort_links(base, params, query.sort),
        "exports": {
            table: [
                (
                    fmt.upper(),
                    url_with(reverse("team_export", args=[table, fmt]), export_params),
                )
                for fmt in ("csv", "xlsx", "ods")
            ]
            for table in ("agents", "parcours")
        },
        "reset_url": base,
        **_charts(paths, months),
    }
    return render(request, "learners/team/team.html", context)


@team_required
def team(request):
    """Mon équipe: the viewer's whole scope (or the unit chosen in the filters)."""
    return _team_page(request)


@team_required
def team_unit(request, unit_id: int):
    """A unit of the scope and everything below it."""
    unit = scope.unit_in_scope(request.user, unit_id)
    if unit is None:
        return out_of_scope(request)
    return _team_page(request, unit=unit)


@team_required
def team_agent(request, user_id: int):
    """An agent's training record: statuses, progress, dates, hours, due dates."""
    agent = (
        scope.agents_in_scope(request.user).select_related("org_unit").filter(pk=user_id).first()
    )
    if agent is None:
        return out_of_scope(request)
    breadcrumb = team_breadcrumb(request.user, agent.org_unit)
    if agent.org_unit is not None and scope.unit_in_scope(request.user, agent.org_unit_id):
        breadcrumb.append(
            {"label": agent.org_unit.name, "url": reverse("team_unit", args=[agent.org_unit_id])}
        )
    rows = agent_record(agent, today=timezone.localdate())
    return render(
        request,
        "learners/team/agent.html",
        {
            "title": agent.get_full_name() or agent.email,
            "breadcrumb": breadcrumb,
            "agent": agent,
            "section": "team",
            "is_administrator": is_administrator(request.user),
            "rows": rows,
            "minutes": sum(row.enrolment.completed_minutes for row in rows if row.enrolment),
        },
    )


@team_required
def team_export(request, table: str, fmt: str):
    """The agents or paths table as CSV, XLSX or ODS, with the page's filters; large ones are
    built in the background."""
    try:
        _form, query = resolve(request.user, request.GET)
    except OutOfScope:
        return out_of_scope(request)
    if exports.row_count(table, query) > settings.TEAM_EXPORT_SYNC_MAX_ROWS:
        export = services.request_export(
            user=request.user, table=table, fmt=fmt, filters=query.params()
        )
        messages.info(
            request,
            _(
                "Cet export est volumineux : il est en préparation. "
                "Vous pourrez le télécharger ici."
            ),
        )
        return redirect("team_export_status", export.pk)
    sheet = exports.sheet_for(table, query)
    filename = exports.file_name(table, fmt, query.today)
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_chunks(sheet), content_type=exports.CONTENT_TYPES["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # Rows go to a temporary file as they come; FileResponse closes it once sent.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    exports.WRITERS[fmt](sheet, handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=exports.CONTENT_TYPES[fmt]
    )


def _own_export(request, export_id):
    return TeamExport.objects.filter(pk=export_id, requested_by=request.user).first()


@team_required
def team_export_status(request, export_id: int):
    """Where a large export is: waiting, ready to download, or failed (its requester only)."""
    export = _own_export(request, export_id)
    if export is None:
        return out_of_scope(request)
    return render(
        request,
        "learners/team/export_status.html",
        {
            "title": _("Export « %(table)s »") % {"table": export.get_table_display()},
            "breadcrumb": team_breadcrumb(request.user),
            "export": export,
            "section": "team",
            "is_administrator": is_administrator(request.user),
        },
    )


@team_required
def team_export_download(request, export_id: int):
    export = _own_export(request, export_id)
    if export is None or export.status != TeamExport.Status.READY or not export.file:
        return out_of_scope(request)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.download_name,
        content_type=exports.CONTENT_TYPES[export.format],
    )
