"""Demo mandatory-training campaign (`manage.py create_demo`, after the progress step): the demo
manager assigned a path to the whole DGFiP 45 days ago, due five days ago, so "Mon équipe"
shows late agents, the campaign page its progress, and the demo agent the assignment in Mon
espace. Looked up by title: running it twice changes nothing."""

import datetime

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from courses.models import TrainingPathPage

from .demo_progress import DEMO_AGENT_PATH
from .models import Campaign, OrgUnit
from .services.assignments import create_campaign

CAMPAIGN_TITLE = "Hygiène numérique : campagne 2026 de la DGFiP"
UNIT_CODE = "dgfip"


def create_team_campaign(accounts: dict) -> Campaign | None:
    manager = accounts["manager"]
    existing = Campaign.objects.filter(title=CAMPAIGN_TITLE).first()
    if existing is not None:
        return existing
    path = TrainingPathPage.objects.live().filter(slug=DEMO_AGENT_PATH).first()
    unit = OrgUnit.objects.filter(code=UNIT_CODE).first()
    if path is None or unit is None:
        return None
    today = timezone.localdate()
    # Demo e-mails would only fill the console; they are recorded as sent, never delivered.
    with (
        transaction.atomic(),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ):
        campaign = create_campaign(
            path=path,
            created_by=manager,
            due_date=today,
            unit=unit,
            title=CAMPAIGN_TITLE,
            message=(
                "Chaque agent de la direction suit ce parcours de sensibilisation une fois par an. "
                "Comptez une heure environ."
            ),
        )
        created_at = timezone.now() - datetime.timedelta(days=45)
        due_date = today - datetime.timedelta(days=5)
        Campaign.objects.filter(pk=campaign.pk).update(created_at=created_at, due_date=due_date)
        campaign.assignments.update(assigned_at=created_at, due_date=due_date)
    return campaign
