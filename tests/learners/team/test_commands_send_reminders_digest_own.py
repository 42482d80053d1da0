"""The managers' digest counts their team's late agents without the manager; when the manager
is late too (Mon équipe counts them), the digest says what it leaves out."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learners.learning.models import Enrolment
from learners.team.models import Assignment, Campaign
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


def test_digest_says_the_manager_own_late_training_is_left_out(db):
    org = build_org()
    org.manager.org_unit = org.unit_a
    org.manager.save(update_fields=["org_unit"])
    late = Campaign.objects.create(
        title="P2 en retard",
        path=org.p2,
        created_by=org.admin,
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    enrolment = Enrolment.objects.create(
        user=org.manager, path=org.p2, origin=Enrolment.Origin.ASSIGNED
    )
    Assignment.objects.create(
        campaign=late, user=org.manager, enrolment=enrolment, due_date=late.due_date
    )
    call_command("send_reminders", verbosity=0)
    (digest,) = [m for m in mail.outbox if m.to == [org.manager.email] and "équipe" in m.subject]
    assert "Votre propre formation en retard n’est pas comptée ici" in digest.body
    assert org.manager.get_full_name() not in digest.body.split("Votre propre")[0]
