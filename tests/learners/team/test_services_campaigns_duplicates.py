"""The same training is never assigned twice to an agent: a duplicate campaign is refused with
a clear message, overlapping campaigns leave out the agents already assigned, and reminders
go once per agent and path."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.factories import build_path
from learners.common.exceptions import LearnerServiceError
from learners.learning.models import Enrolment
from learners.team import services
from learners.team.models import Assignment, Campaign
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    org = build_org()
    org.p3 = build_path(title="Parcours P3", lessons=1)
    return org


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def notices() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Formation obligatoire"))


def assign_unit_a(org, days=30):
    return services.create_campaign(
        path=org.p3, created_by=org.manager, due_date=in_days(days), unit=org.unit_a
    )


def test_campaigns_duplicates_same_campaign_twice_is_refused(
    org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assign_unit_a(org)
    with pytest.raises(LearnerServiceError) as refused:
        assign_unit_a(org)
    assert "doivent déjà suivre ce parcours" in str(refused.value)
    assert Campaign.objects.filter(path=org.p3).count() == 1
    assert notices() == ["a1@campus.example", "a2@campus.example", "a3@campus.example"]


def test_campaigns_duplicates_overlap_assigns_only_the_new_agents(
    org, django_capture_on_commit_callbacks
):
    """A later campaign for A's agents and b1 assigns b1 only, and says so."""
    with django_capture_on_commit_callbacks(execute=True):
        assign_unit_a(org)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        campaign = services.create_campaign(
            path=org.p3,
            created_by=org.admin,
            due_date=in_days(60),
            users=[org.a1, org.b1],
        )
    assert set(campaign.assignments.values_list("user__email", flat=True)) == {"b1@campus.example"}
    assert campaign.already_assigned == 1
    assert notices() == ["b1@campus.example"]


def test_campaigns_duplicates_completed_training_may_be_assigned_again(org):
    """Yearly training: an agent who completed the path gets the new campaign."""
    assign_unit_a(org)
    Enrolment.objects.filter(user=org.a1, path=org.p3).update(status=Enrolment.Status.COMPLETED)
    campaign = services.create_campaign(
        path=org.p3, created_by=org.manager, due_date=in_days(365), users=[org.a1]
    )
    assert list(campaign.assignments.values_list("user_id", flat=True)) == [org.a1.pk]


def test_campaigns_duplicates_add_to_campaign_skips_agents_assigned_elsewhere(org):
    assign_unit_a(org)
    other = services.create_campaign(
        path=org.p3, created_by=org.admin, due_date=in_days(60), users=[org.b1]
    )
    assert services.add_to_campaign(campaign=other, users=[org.a1, org.b1]) == 0
    assert Assignment.objects.filter(user=org.a1, campaign__path=org.p3).count() == 1


def test_campaigns_duplicates_form_shows_the_refusal_and_keeps_the_input(client, org):
    """A double submit: the second answers the form again, with the reason, nothing lost."""
    client.force_login(org.manager)
    data = {
        "path": org.p3.pk,
        "due_date": in_days(30).isoformat(),
        "unit": org.unit_a.pk,
        "include_subunits": "on",
        "message": "Avant l’été.",
    }
    assert client.post(reverse("team_campaign_new"), data).status_code == 302
    response = client.post(reverse("team_campaign_new"), data)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "doivent déjà suivre ce parcours" in page.get_text()
    assert page.find("textarea", {"name": "message"}).get_text().strip() == "Avant l’été."
    assert Campaign.objects.filter(path=org.p3).count() == 1


def test_campaigns_duplicates_reminders_once_per_agent_and_path(org):
    """Two overdue assignments of one path (made before duplicates were refused): one
    reminder to the agent, not two."""
    first = assign_unit_a(org, days=10)
    second = Campaign.objects.create(
        title="Doublon", path=org.p3, created_by=org.manager, due_date=in_days(20)
    )
    enrolment = Enrolment.objects.get(user=org.a1, path=org.p3)
    Assignment.objects.create(
        campaign=second, user=org.a1, enrolment=enrolment, due_date=second.due_date
    )
    Assignment.objects.filter(campaign__in=[first, second]).update(due_date=in_days(-3))
    mail.outbox.clear()
    call_command("send_reminders", verbosity=0)
    to_a1 = [m for m in mail.outbox if m.to == ["a1@campus.example"]]
    assert len(to_a1) == 1
