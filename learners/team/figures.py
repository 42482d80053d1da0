"""Figures of the team pages, aggregated by the database (GROUP BY), in a constant number of
queries whatever the number of agents, units or paths.

Rules, also explained on the page ("Comment sont calculés ces chiffres ?"):
- an enrolment counts in a period when the agent enrolled, worked or completed in it;
- a path counts as completed in a period when it was completed in it;
- training hours are the durations of the activities completed (in the period);
- assignments count when their due date falls in the period or later; one is overdue when its
  due date has passed and its path is not completed.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from learners.accounts.models import OrgUnit
from learners.learning.models import ActivityCompletion, Enrolment
from learners.learning.selectors import percent
from learners.team.filters import TeamQuery, months_before
from learners.team.models import Assignment
from learners.team.scope import top_units

Status = Enrolment.Status


def period_q(query: TeamQuery, prefix: str = "") -> Q:
    """Enrolments with something happening in the period (enrolled, worked or completed)."""
    since = query.since_datetime
    if since is None:
        return Q()
    return (
        Q(**{f"{prefix}enrolled_at__gte": since})
        | Q(**{f"{prefix}last_activity_at__gte": since})
        | Q(**{f"{prefix}completed_at__gte": since})
    )


def completed_q(query: TeamQuery, prefix: str = "") -> Q:
    condition = Q(**{f"{prefix}status": Status.COMPLETED})
    if query.since_datetime is not None:
        condition &= Q(**{f"{prefix}completed_at__gte": query.since_datetime})
    return condition


def abandoned_q(query: TeamQuery, prefix: str = "") -> Q:
    condition = Q(**{f"{prefix}status": Status.ABANDONED})
    if query.since_datetime is not None:
        condition &= Q(**{f"{prefix}abandoned_at__gte": query.since_datetime})
    return condition


def ongoing_q(query: TeamQuery, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": [Status.ENROLLED, Status.IN_PROGRESS]}) & period_q(
        query, prefix
    )


def assignments(query: TeamQuery) -> QuerySet[Assignment]:
    """Assignments of the agents, in the path, due in the period or later."""
    rows = Assignment.objects.filter(user__is_active=True)
    if query.units is not None:
        rows = rows.filter(user__org_unit__in=query.units)
    if query.path is not None:
        rows = rows.filter(campaign__path=query.path)
    if query.since is not None:
        rows = rows.filter(due_date__gte=query.since)
    return rows


def _assignment_counts(today) -> dict:
    done = Q(enrolment__status=Status.COMPLETED)
    return {
        "assigned": Count("pk"),
        "assigned_completed": Count("pk", filter=done),
        "overdue": Count("pk", filter=Q(due_date__lt=today) & ~done),
    }


# Key figures --------------------------------------------------------------------------------


@dataclass
class KeyFigures:
    agents: int
    enrolled_agents: int
    paths_completed: int
    assigned: int
    assigned_completed: int
    overdue: int
    minutes: int

    @property
    def assigned_completion_rate(self) -> int | None:
        return percent(self.assigned_completed, self.assigned) if self.assigned else None

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def key_figures(query: TeamQuery) -> KeyFigures:
    """Agents, agents with an enrolment, paths completed, assignments, training time (3–4
    queries)."""
    enrolment_figures = query.enrolments().aggregate(
        enrolled_agents=Count(
            "user", distinct=True, filter=~Q(status=Status.ABANDONED) & period_q(query)
        ),
        paths_completed=Count("pk", filter=completed_q(query)),
        minutes=Sum("completed_minutes"),
    )
    minutes = enrolment_figures["minutes"] or 0
    if query.since is not None:
        # Stored per-enrolment minutes cover all time; a period needs the completions' dates.
        completions = ActivityCompletion.objects.filter(
            user__is_active=True, completed_at__gte=query.since_datetime
        )
        if query.units is not None:
            completions = completions.filter(user__org_unit__in=query.units)
        if query.path is not None:
            completions = completions.filter(path=query.path)
        minutes = completions.aggregate(minutes=Sum("duration_minutes"))["minutes"] or 0
    assignment_figures = assignments(query).aggregate(**_assignment_counts(query.today))
    return KeyFigures(
        agents=query.agents().count(),
        enrolled_agents=enrolment_figures["enrolled_agents"],
        paths_completed=enrolment_figures["paths_completed"],
        minutes=minutes,
        **assignment_figures,
    )


# Path × status table ------------------------------------------------------------------------


@dataclass
class PathRow:
    path_id: int
    title: str
    not_started: int
    in_progress: int
    completed: int
    abandoned: int
    overdue: int

    @property
    def total(self) -> int:
        """Enrolments counted (not started, in progress, completed); abandons apart."""
        return self.not_started + self.in_progress + self.completed

    @property
    def completion_rate(self) -> int:
        return percent(self.completed, self.total)


def path_table(query: TeamQuery) -> list[PathRow]:
    """One row per path with enrolments of the agents in the period (2 queries)."""
    period = period_q(query)
    rows = (
        query.enrolments()
        .values("path_id", "path__title")
        .annotate(
            not_started=Count("pk", filter=Q(status=Status.ENROLLED) & period),
            in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS) & period),
            completed=Count("pk", filter=completed_q(query)),
            abandoned=Count("pk", filter=abandoned_q(query)),
        )
        .order_by("path__title", "path_id")
    )
    overdue = dict(
        assignments(query)
        .overdue(query.today)
        .order_by()
        .values("campaign__path_id")
        .annotate(agents=Count("user", distinct=True))
        .values_list("campaign__path_id", "agents")
    )
    table = [
        PathRow(
            path_id=row["path_id"],
            title=row["path__title"],
            not_started=row["not_started"],
            in_progress=row["in_progress"],
            completed=row["completed"],
            abandoned=row["abandoned"],
            overdue=overdue.get(row["path_id"], 0),
        )
        for row in rows
    ]
    return [row for row in table if row.total or row.abandoned or row.overdue]


# Unit breakdown -----------------------------------------------------------------------------


@dataclass
class UnitRow:
    unit: OrgUnit | None  # None: agents attached to no unit (administrators only)
    direct: bool  # agents attached to the unit itself, not to a unit below it
    agents: int = 0
    enrolled_agents: int = 0
    in_progress: int = 0
    completed: int = 0
    assigned: int = 0
    assigned_completed: int = 0
    overdue: int = 0

    @property
    def assigned_completion_rate(self) -> int | None:
        return percent(self.assigned_completed, self.assigned) if self.assigned else None


def breakdown_units(query: TeamQuery) -> tuple[list[OrgUnit], OrgUnit | None]:
    """(units to list, unit whose direct agents get a row of their own)."""
    if query.focus is not None:
        children = list(
            OrgUnit.objects.filter(path__startswith=query.focus.path, depth=query.focus.depth + 1)
        )
        return children, query.focus
    return top_units(query.user), None


def _bucket(field: str, buckets: list[OrgUnit]):
    """An expression giving, for each row, the path of the bucket unit it falls in."""
    depths = {unit.depth for unit in buckets}
    if len(depths) == 1:
        return Substr(field, 1, depths.pop() * OrgUnit.steplen)
    return Case(
        *[When(**{f"{field}__startswith": unit.path}, then=Value(unit.path)) for unit in buckets],
        default=Value(None),
        output_field=CharField(),
    )


def unit_breakdown(query: TeamQuery) -> list[UnitRow]:
    """Figures of each unit listed (with everything below it), in 4 queries."""
    buckets, direct_unit = breakdown_units(query)
    rows: dict = {unit.path: UnitRow(unit=unit, direct=False) for unit in buckets}
    if direct_unit is not None:
        rows[direct_unit.path] = UnitRow(unit=direct_unit, direct=True)
    if query.units is None:
        rows[None] = UnitRow(unit=None, direct=True)
    if not buckets and direct_unit is None:
        return []
    # Agents of a unit's own row: in a bucket expression, their path is the unit's, unchanged.
    expression = _bucket("org_unit__path", buckets) if buckets else Value(direct_unit.path)
    for row in (
        query.agents()
        .order_by()
        .annotate(bucket=expression)
        .values("bucket")
        .annotate(n=Count("pk"))
    ):
        if row["bucket"] in rows:
            rows[row["bucket"]].agents = row["n"]
    user_expression = (
        _bucket("user__org_unit__path", buckets) if buckets else Value(direct_unit.path)
    )
    enrolment_rows = (
        query.enrolments()
        .order_by()
        .annotate(bucket=user_expression)
        .values("bucket")
        .annotate(
            enrolled_agents=Count(
                "user", distinct=True, filter=~Q(status=Status.ABANDONED) & period_q(query)
            ),
            in_progress=Count("pk", filter=ongoing_q(query)),
            completed=Count("pk", filter=completed_q(query)),
        )
    )
    for row in enrolment_rows:
        if row["bucket"] in rows:
            target = rows[row["bucket"]]
            target.enrolled_agents = row["enrolled_agents"]
            target.in_progress = row["in_progress"]
            target.completed = row["completed"]
    assignment_rows = (
        assignments(query)
        .order_by()
        .annotate(bucket=user_expression)
        .values("bucket")
        .annotate(**_assignment_counts(query.today))
    )
    for row in assignment_rows:
        if row["bucket"] in rows:
            target = rows[row["bucket"]]
            target.assigned = row["assigned"]
            target.assigned_completed = row["assigned_completed"]
            target.overdue = row["overdue"]
    ordered = [rows[unit.path] for unit in sorted(buckets, key=lambda unit: unit.name)]
    extra = [row for key, row in rows.items() if row.direct and (row.agents or row.assigned)]
    return ordered + extra


# Completions over time ----------------------------------------------------------------------


@dataclass
class MonthCount:
    month: datetime.date  # first day of the month
    completed: int


def chart_months(query: TeamQuery) -> list[datetime.date]:
    """The months of the completions chart: the period's, or the last 12 (at least 2)."""
    current = query.today.replace(day=1)
    start = query.since.replace(day=1) if query.since else None
    earliest = months_before(current, 11)
    if start is None or start < earliest:
        start = earliest
    if start >= current:
        start = months_before(current, 1)
    months = []
    month = start
    while month <= current:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def completions_by_month(query: TeamQuery) -> list[MonthCount]:
    """Paths completed per month (one query)."""
    months = chart_months(query)
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    counts = {}
    rows = (
        query.enrolments()
        .filter(status=Status.COMPLETED, completed_at__gte=start)
        .order_by()
        .annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        counts[month.replace(day=1)] = counts.get(month.replace(day=1), 0) + row["n"]
    return [MonthCount(month=month, completed=counts.get(month, 0)) for month in months]
