"""Reads of the campaigns pages: the campaigns a manager follows, and each one's progress,
restricted to the agents of the manager's scope."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from learners.accounts.models import User
from learners.accounts.permissions import is_administrator
from learners.learning.models import Enrolment
from learners.learning.selectors import percent
from learners.team.models import Assignment, Campaign
from learners.team.scope import agents_in_scope, team_scope

DONE = Q(enrolment__status=Enrolment.Status.COMPLETED)


def visible_campaigns(user) -> QuerySet[Campaign]:
    """Campaigns `user` may open: all for administrators; for a manager, those they created,
    those aimed at a unit of their scope, and those assigning one of their agents."""
    campaigns = Campaign.objects.select_related("path", "unit", "created_by")
    if is_administrator(user):
        return campaigns
    return campaigns.filter(
        pk__in=Campaign.objects.visible_to(
            user, units=team_scope(user), agents=agents_in_scope(user)
        ).values("pk")
    )


def campaigns_with_figures(user, today: datetime.date) -> QuerySet[Campaign]:
    """The campaigns, each with `assigned`, `completed` and `overdue` among the user's agents."""
    in_scope = Q()
    if not is_administrator(user):
        in_scope = Q(assignments__user__in=agents_in_scope(user))
    return (
        visible_campaigns(user)
        .annotate(
            assigned=Count("assignments", filter=in_scope),
            completed=Count(
                "assignments",
                filter=in_scope & Q(assignments__enrolment__status=Enrolment.Status.COMPLETED),
            ),
            overdue=Count(
                "assignments",
                filter=in_scope
                & Q(assignments__due_date__lt=today)
                & ~Q(assignments__enrolment__status=Enrolment.Status.COMPLETED),
            ),
        )
        .order_by("-created_at", "-pk")
    )


@dataclass
class CampaignProgress:
    assigned: int
    completed: int
    in_progress: int
    overdue: int

    @property
    def completion_rate(self) -> int:
        return percent(self.completed, self.assigned)


def scoped_assignments(campaign: Campaign, user) -> QuerySet[Assignment]:
    assignments = campaign.assignments.all()
    if not is_administrator(user):
        assignments = assignments.filter(user__in=agents_in_scope(user))
    return assignments


def campaign_progress(campaign: Campaign, user, today: datetime.date) -> CampaignProgress:
    figures = scoped_assignments(campaign, user).aggregate(
        assigned=Count("pk"),
        completed=Count("pk", filter=DONE),
        in_progress=Count("pk", filter=Q(enrolment__status=Enrolment.Status.IN_PROGRESS)),
        overdue=Count("pk", filter=Q(due_date__lt=today) & ~DONE),
    )
    return CampaignProgress(**figures)


def late_assignments(campaign: Campaign, user, today: datetime.date) -> QuerySet[Assignment]:
    return (
        scoped_assignments(campaign, user)
        .overdue(today)
        .select_related("user__org_unit", "enrolment")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def campaign_targets(campaign: Campaign) -> QuerySet[User]:
    """Active agents of the campaign's unit (and units below it when it includes them)."""
    if campaign.unit is None:
        return User.objects.none()
    agents = User.objects.filter(is_active=True)
    if campaign.include_subunits:
        return agents.filter(org_unit__path__startswith=campaign.unit.path)
    return agents.filter(org_unit=campaign.unit)


def not_assigned(campaign: Campaign, user) -> QuerySet[User]:
    """Agents of the campaign's unit that it does not assign (they joined later), among the
    agents `user` may see: the campaign page offers to add them."""
    return (
        campaign_targets(campaign)
        .filter(pk__in=agents_in_scope(user).values("pk"))
        .exclude(pk__in=campaign.assignments.values("user_id"))
        .select_related("org_unit")
        .order_by("last_name", "first_name", "pk")
    )
