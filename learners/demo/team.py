"""Demo mandatory-training campaign (`manage.py create_demo`, after the progress step): the demo
manager assigned a path to the whole DGFiP 45 days ago, due five days ago. About six agents in
ten had completed it in time; the others — the demo agent among them — are late, so "Mon équipe"
shows late agents, the campaign page its progress, and the demo agent the assignment in
Mon espace. Looked up by title: running it twice changes nothing."""

import datetime

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from courses.models import TrainingPathPage
from courses.selectors import path_outline
from learners.accounts.models import OrgUnit, User
from learners.demo.progress import DEMO_AGENT_PATH
from learners.learning.models import ActivityCompletion, Enrolment
from learners.team.models import Campaign
from learners.team.services.assignments import create_campaign

CAMPAIGN_TITLE = "Hygiène numérique : campagne 2026 de la DGFiP"
UNIT_CODE = "dgfip"
COMPLETED_SHARE = 0.6


def _complete_in_time(agents: list[User], path, started) -> None:
    """Enrol these agents and complete the path for them, as rows (no e-mails, fast)."""
    activities = [a for a in path_outline(path).activities if a.kind != "session"]
    step = datetime.timedelta(hours=20)
    finished = started + step * len(activities)
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=agent,
                path=path,
                status=Enrolment.Status.COMPLETED,
                enrolled_at=started,
                started_at=started + step,
                completed_at=finished,
                last_activity_at=finished,
                progress_percent=100,
                completed_minutes=sum(a.duration_minutes for a in activities),
            )
            for agent in agents
        ],
        ignore_conflicts=True,
    )
    ActivityCompletion.objects.bulk_create(
        [
            ActivityCompletion(
                user=agent,
                activity_id=activity.id,
                path=path,
                duration_minutes=activity.duration_minutes,
                completed_at=started + step * (index + 1),
            )
            for agent in agents
            for index, activity in enumerate(activities)
        ],
        ignore_conflicts=True,
    )


def create_team_campaign(accounts: dict) -> Campaign | None:
    existing = Campaign.objects.filter(title=CAMPAIGN_TITLE).first()
    if existing is not None:
        return existing
    path = TrainingPathPage.objects.live().filter(slug=DEMO_AGENT_PATH).first()
    unit = OrgUnit.objects.filter(code=UNIT_CODE).first()
    if path is None or unit is None:
        return None
    today = timezone.localdate()
    created_at = timezone.now() - datetime.timedelta(days=45)
    due_date = today - datetime.timedelta(days=5)
    team = User.objects.filter(is_active=True, org_unit__path__startswith=unit.path)
    not_enrolled = list(
        team.exclude(enrolments__path=path).exclude(pk=accounts["agent"].pk).order_by("email")
    )
    target = (
        int(team.count() * COMPLETED_SHARE)
        - team.filter(enrolments__path=path, enrolments__status=Enrolment.Status.COMPLETED).count()
    )
    # Demo e-mails would only fill the console: recorded as sent, never delivered. The override
    # encloses the transaction so that the e-mails sent on commit see it.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        _complete_in_time(not_enrolled[: max(target, 0)], path, created_at)
        campaign = create_campaign(
            path=path,
            created_by=accounts["manager"],
            due_date=today,
            unit=unit,
            title=CAMPAIGN_TITLE,
            message=(
                "Chaque agent de la direction suit ce parcours de sensibilisation une fois "
                "par an. Comptez une heure environ."
            ),
        )
        Campaign.objects.filter(pk=campaign.pk).update(created_at=created_at, due_date=due_date)
        campaign.assignments.update(assigned_at=created_at, due_date=due_date)
    return campaign
