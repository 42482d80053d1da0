"""Open statistics (data.gouv.fr ready): enrolments, completed paths and certificates per month,
over the whole campus, per theme, per path and per ministry.

A figure drawn from fewer than `PATH_STATISTICS_MIN_COUNT` agents (5) is withheld (None, an
empty cell in the CSV), so that no figure is one identifiable person's. The rows are described
by a Table Schema (frictionless) published beside the CSV (`TABLE_SCHEMA`).

Twelve grouped queries (three measures × four dimensions), whatever the number of agents.
"""

import csv
import io
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F
from django.db.models.functions import Substr, TruncMonth

from learners.accounts.models import OrgUnit
from learners.certification.models import Certificate
from learners.common.spreadsheets import safe_cell
from learners.learning.models import Enrolment

DIMENSIONS = ("ensemble", "thematique", "parcours", "ministere")
MEASURES = ("inscriptions", "parcours_termines", "certificats")
COLUMNS = ("mois", "dimension", "valeur", *MEASURES)

TABLE_SCHEMA = {
    "name": "statistiques-campus-numerique-public",
    "title": "Statistiques du Campus du numérique public",
    "description": (
        "Inscriptions, parcours terminés et certificats délivrés par mois : ensemble du campus, "
        "par thématique, par parcours et par ministère de l’agent. Un chiffre qui porterait sur "
        "moins de 5 agents n’est pas publié (cellule vide)."
    ),
    "fields": [
        {"name": "mois", "type": "yearmonth", "title": "Mois", "constraints": {"required": True}},
        {
            "name": "dimension",
            "type": "string",
            "title": "Regroupement",
            "constraints": {"required": True, "enum": list(DIMENSIONS)},
        },
        {
            "name": "valeur",
            "type": "string",
            "title": "Thématique, parcours ou ministère (vide pour l’ensemble)",
        },
        {
            "name": "inscriptions",
            "type": "integer",
            "title": "Inscriptions commencées dans le mois",
            "constraints": {"minimum": 0},
        },
        {
            "name": "parcours_termines",
            "type": "integer",
            "title": "Parcours terminés dans le mois",
            "constraints": {"minimum": 0},
        },
        {
            "name": "certificats",
            "type": "integer",
            "title": "Certificats délivrés dans le mois",
            "constraints": {"minimum": 0},
        },
    ],
    "missingValues": [""],
    "primaryKey": ["mois", "dimension", "valeur"],
}


def _sources():
    """(measure, queryset, date field, path field, user field) of each measure."""
    return (
        ("inscriptions", Enrolment.objects.all(), "enrolled_at", "path", "user"),
        (
            "parcours_termines",
            Enrolment.objects.filter(completed_at__isnull=False),
            "completed_at",
            "path",
            "user",
        ),
        ("certificats", Certificate.objects.all(), "issued_at", "path", "user"),
    )


def _key(dimension: str, path_field: str, user_field: str):
    if dimension == "ensemble":
        return None
    if dimension == "thematique":
        return F(f"{path_field}__theme__name")
    if dimension == "parcours":
        return F(f"{path_field}__title")
    return Substr(f"{user_field}__org_unit__path", 1, OrgUnit.steplen)


def statistics() -> list[dict]:
    """The rows, month by month, each dimension's values in order."""
    minimum = settings.PATH_STATISTICS_MIN_COUNT
    ministries = dict(OrgUnit.objects.filter(depth=1).values_list("path", "name"))
    table: dict[tuple, dict] = defaultdict(dict)
    for measure, queryset, date_field, path_field, user_field in _sources():
        for dimension in DIMENSIONS:
            key = _key(dimension, path_field, user_field)
            grouped = queryset.filter(**{f"{date_field}__isnull": False}).annotate(
                month=TruncMonth(date_field)
            )
            fields = ["month"]
            if key is not None:
                grouped = grouped.annotate(key=key).filter(key__isnull=False)
                fields.append("key")
            for row in grouped.values(*fields).annotate(
                count=Count("pk"), agents=Count(user_field, distinct=True)
            ):
                value = row.get("key") or ""
                if dimension == "ministere":
                    value = ministries.get(value, "")
                    if not value:
                        continue
                month = row["month"].strftime("%Y-%m")
                cell = table[(month, DIMENSIONS.index(dimension), value)]
                previous = cell.get(measure)
                count = row["count"] if row["agents"] >= minimum else None
                # Two units' paths may share a ministry's name: never publish a partial sum.
                cell[measure] = count if previous is None and measure not in cell else None
    rows = []
    for (month, dimension, value), cell in sorted(table.items()):
        rows.append(
            {
                "mois": month,
                "dimension": DIMENSIONS[dimension],
                "valeur": value,
                **{measure: cell.get(measure, 0) for measure in MEASURES},
            }
        )
    return rows


def statistics_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # Titles and names are trainers' and imports' text: never a formula in a spreadsheet.
        writer.writerow(
            {name: "" if row[name] is None else safe_cell(row[name]) for name in COLUMNS}
        )
    return out.getvalue()


CACHE_SECONDS = 3600


def cached_statistics() -> list[dict]:
    """The rows, computed at most once an hour (twelve grouped queries on large tables)."""
    return cache.get_or_set("stats:open-statistics", statistics, CACHE_SECONDS)
