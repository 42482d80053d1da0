"""The "Mes formations obligatoires" section of Mon espace (a function of
`learners.learning.selectors.dashboard_sections`)."""

import datetime

from django.conf import settings
from django.utils import timezone

from learners.team.models import Assignment


def fill_assignments(user, dashboard) -> None:
    """The agent's mandatory training not completed yet, earliest due date first (one query)."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE_DUE)
    assignments = list(
        Assignment.objects.filter(user=user, campaign__path__live=True)
        .not_completed()
        .select_related("campaign__path", "campaign__created_by", "enrolment")
        .order_by("due_date", "pk")
    )
    seen = set()
    for assignment in assignments:
        assignment.overdue = assignment.due_date < today
        assignment.due_soon = not assignment.overdue and assignment.due_date <= soon
    # One card per path: the earliest due date wins when two campaigns assign the same path.
    dashboard.assignments = [
        a for a in assignments if not (a.campaign.path_id in seen or seen.add(a.campaign.path_id))
    ]
