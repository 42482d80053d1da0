"""Export of the agents table of a ministry (2 × team size agents) to CSV, through the team
export code, against a raw cursor streamed to CSV; and the export's peak memory growth."""

import csv
import datetime
import hashlib
import tracemalloc

from django.db import connection
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from bench.harness import Result, compare, count_queries
from bench.team import SCOPE
from learners.learning.models import Enrolment
from learners.team import exports
from learners.team.filters import resolve
from learners.team.scope import agents_in_scope

Status = Enrolment.Status
MEMORY_LIMIT_MB = 50

ROWS = """SELECT u.last_name, u.first_name, u.email, o.name, o.code,
    COUNT(e.id) FILTER (WHERE e.status IN (%(enrolled)s, %(in_progress)s)),
    COUNT(e.id) FILTER (WHERE e.status = %(completed)s),
    COALESCE(MAX(overdue.n), 0),
    MAX(e.last_activity_at)
FROM learners_user u
LEFT JOIN learners_orgunit o ON o.id = u.org_unit_id
LEFT JOIN learners_enrolment e ON e.user_id = u.id
LEFT JOIN (
    SELECT a.user_id, COUNT(*) AS n FROM learners_assignment a
    LEFT JOIN learners_enrolment e ON e.id = a.enrolment_id
    WHERE a.due_date < %(today)s AND (e.status IS NULL OR e.status <> %(completed)s)
    GROUP BY a.user_id
) overdue ON overdue.user_id = u.id
WHERE u.id IN (SELECT id FROM agents)
GROUP BY u.id, u.last_name, u.first_name, u.email, o.name, o.code
ORDER BY u.last_name, u.first_name, u.id"""


class Digest:
    """A file that keeps only its size and checksum."""

    def __init__(self):
        self.hash, self.size = hashlib.sha256(), 0

    def write(self, data):
        data = data.encode() if isinstance(data, str) else data
        self.hash.update(data)
        self.size += len(data)


def export_with_campus(ctx, manager) -> Digest:
    _form, query = resolve(ctx.fresh(manager), QueryDict())
    target = Digest()
    exports.write_csv(exports.sheet_for("agents", query), target)
    return target


def _date(value):
    if value is None:
        return ""
    if isinstance(value, str):  # SQLite returns text
        value = parse_datetime(value).replace(tzinfo=datetime.UTC)
    return timezone.localtime(value).date().isoformat()


def export_with_cursor(manager) -> Digest:
    params = {
        "manager": manager.pk,
        "today": timezone.localdate(),
        "enrolled": Status.ENROLLED,
        "in_progress": Status.IN_PROGRESS,
        "completed": Status.COMPLETED,
    }
    target = Digest()
    writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
    target.write("\ufeff")
    writer.writerow(exports.AGENT_HEADINGS)
    with connection.chunked_cursor() as cursor:
        cursor.execute(SCOPE + ROWS, params)
        while rows := cursor.fetchmany(exports.CHUNK_SIZE):
            writer.writerows(
                [*row[:3], row[3] or "", row[4] or "", *row[5:8], _date(row[8])] for row in rows
            )
    return target


def peak_memory_mb(function) -> float:
    """Peak of Python allocations during `function()`, above what was allocated before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        function()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return (peak - before) / 1024 / 1024


def run(ctx) -> Result:
    manager = ctx.ministry_manager
    ours, theirs = export_with_campus(ctx, manager), export_with_cursor(manager)
    campus, baseline = compare(
        lambda: export_with_campus(ctx, manager),
        lambda: export_with_cursor(manager),
        ctx.settings,
        iterations=1 if ctx.settings.quick else 3,
    )
    memory = peak_memory_mb(lambda: export_with_campus(ctx, manager))
    small = ctx.direction_manager
    rows = ours.size  # bytes; the agents are counted in the title
    agents = agents_in_scope(ctx.fresh(manager)).count()
    return Result(
        key="export",
        title=f"CSV export of the agents table ({agents:,} agents, {rows / 1e6:.1f} MB)",
        unit="ms",
        campus=campus,
        baseline=baseline,
        goal=2.0,
        queries=(
            count_queries(lambda: export_with_campus(ctx, small)),
            count_queries(lambda: export_with_campus(ctx, manager)),
        ),
        sizes=(
            f"{agents_in_scope(ctx.fresh(small)).count()} agents",
            f"{agents} agents",
        ),
        checks={
            f"peak memory growth {memory:.1f} MB < {MEMORY_LIMIT_MB} MB": memory < MEMORY_LIMIT_MB,
            "same file as the raw cursor": ours.hash.digest() == theirs.hash.digest(),
        },
    )
