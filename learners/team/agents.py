"""The agents table of the team pages, and one agent's training record as a manager sees it:
enrolment status, progress, completion and certificate dates, hours, due dates — never quiz
answers or the scores of individual attempts."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from learners.accounts.models import User
from learners.certification.selectors import CertificateDates, certificate_dates
from learners.learning.models import Enrolment
from learners.team.figures import abandoned_q, assignments, completed_q, ongoing_q, period_q
from learners.team.filters import SORTS, AgentStatus, TeamQuery
from learners.team.models import Assignment

Status = Enrolment.Status


def _enrolments_of_agent(query: TeamQuery):
    enrolments = Enrolment.objects.filter(user=OuterRef("pk"))
    if query.path is not None:
        enrolments = enrolments.filter(path=query.path)
    return enrolments


def _status_filter(query: TeamQuery) -> Q | Exists | None:
    enrolments = _enrolments_of_agent(query)
    status = query.status
    if status == AgentStatus.ONGOING:
        return Exists(enrolments.filter(ongoing_q(query)))
    if status == AgentStatus.NOT_STARTED:
        return Exists(enrolments.filter(Q(status=Status.ENROLLED) & period_q(query)))
    if status == AgentStatus.COMPLETED:
        return Exists(enrolments.filter(completed_q(query)))
    if status == AgentStatus.ABANDONED:
        return Exists(enrolments.filter(abandoned_q(query)))
    if status == AgentStatus.OVERDUE:
        overdue = assignments(query).overdue(query.today).filter(user=OuterRef("pk"))
        return Exists(overdue)
    if status == AgentStatus.NOT_ENROLLED:
        return ~Exists(enrolments.exclude(status=Status.ABANDONED).filter(period_q(query)))
    return None


def _count(rows) -> Coalesce:
    """The number of `rows` (a queryset correlated to the agent), 0 when there are none."""
    counted = rows.order_by().values("user").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def agents_table(query: TeamQuery) -> QuerySet[User]:
    """The agents with, for the path and period chosen: paths ongoing (enrolled or in
    progress), completed, overdue assignments and last activity; filtered and sorted.

    Each figure is a subquery on the agent's own rows (not a join grouped by agent): sorted by
    name, the database computes them for the page shown only, and counting the agents does
    not compute them at all.
    """
    enrolments = _enrolments_of_agent(query)
    last_activity = enrolments.order_by().values("user").annotate(at=Max("last_activity_at"))
    agents = (
        query.agents()
        .select_related("org_unit")
        .annotate(
            ongoing_count=_count(enrolments.filter(ongoing_q(query))),
            completed_count=_count(enrolments.filter(completed_q(query))),
            last_activity_at=Subquery(last_activity.values("at")),
            overdue_count=_count(
                assignments(query).overdue(query.today).filter(user=OuterRef("pk"))
            ),
        )
    )
    condition = _status_filter(query)
    if condition is not None:
        agents = agents.filter(condition)
    return agents.order_by(*order_by(query.sort))


def order_by(sort: str) -> list:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    fields = SORTS.get(key, SORTS["nom"])
    first, rest = fields[0], fields[1:]
    if key == "activite":
        first_expression = (
            F(first).desc(nulls_last=True) if descending else F(first).asc(nulls_first=True)
        )
    else:
        first_expression = F(first).desc() if descending else F(first).asc()
    return [first_expression, *rest]


# An agent's record --------------------------------------------------------------------------


@dataclass
class RecordRow:
    """One path of the agent's record."""

    path_id: int
    title: str
    enrolment: Enrolment | None
    assignment: Assignment | None
    certificate: CertificateDates | None
    today: datetime.date

    @property
    def overdue(self) -> bool:
        return self.assignment is not None and self.assignment.is_overdue(self.today)

    @property
    def hours(self) -> float:
        return round((self.enrolment.completed_minutes if self.enrolment else 0) / 60, 1)


def agent_record(agent: User, *, today: datetime.date) -> list[RecordRow]:
    """Every path the agent was enrolled in or assigned (3 queries)."""
    enrolments = list(
        Enrolment.objects.filter(user=agent)
        .select_related("path")
        .order_by("path__title", "path_id")
    )
    by_path: dict[int, Assignment] = {}
    agent_assignments = (
        Assignment.objects.filter(user=agent)
        .select_related("campaign__path", "enrolment")
        .order_by("due_date", "pk")
    )
    for assignment in agent_assignments:
        current = by_path.get(assignment.campaign.path_id)
        # The assignment that matters is the earliest one still open, else the latest.
        if current is None or (current.is_completed and not assignment.is_completed):
            by_path[assignment.campaign.path_id] = assignment
    certificates = certificate_dates([agent.pk])
    rows = [
        RecordRow(
            path_id=enrolment.path_id,
            title=enrolment.path.title,
            enrolment=enrolment,
            assignment=by_path.pop(enrolment.path_id, None),
            certificate=certificates.get((agent.pk, enrolment.path_id)),
            today=today,
        )
        for enrolment in enrolments
    ]
    rows += [
        RecordRow(
            path_id=path_id,
            title=assignment.campaign.path.title,
            enrolment=None,
            assignment=assignment,
            certificate=None,
            today=today,
        )
        for path_id, assignment in by_path.items()
    ]
    return rows
