"""Mandatory-training campaigns: assignment to a unit (and below), enrolments with origin
"assigned", due dates, e-mails after commit, scope checks, agents added later."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from courses.factories import build_path
from learners.common.exceptions import LearnerServiceError, NotAllowed, NotFound
from learners.factories import EnrolmentFactory, UserFactory
from learners.learning.models import Enrolment
from learners.team import services
from learners.team.campaigns import campaign_progress, not_assigned
from learners.team.models import Assignment
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(module_db):
    org = build_org()
    org.p3 = build_path(title="Parcours P3", lessons=1)
    return org


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_services_campaigns_assign_a_unit_with_subunits(org, django_capture_on_commit_callbacks):
    """Every agent of A and of its section is enrolled ("assigned") with the due date, and
    e-mailed once after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        campaign = services.create_campaign(
            path=org.p3,
            created_by=org.manager,
            due_date=in_days(30),
            unit=org.unit_a,
            message="Avant la fin du mois, merci.",
        )
    assignments = Assignment.objects.filter(campaign=campaign).select_related("enrolment")
    assert {a.user_id for a in assignments} == {org.a1.pk, org.a2.pk, org.a3.pk}
    for assignment in assignments:
        assert assignment.due_date == in_days(30)
        assert assignment.enrolment.origin == Enrolment.Origin.ASSIGNED
        assert assignment.enrolment.status == Enrolment.Status.ENROLLED
    assert campaign.title == f"Parcours P3 — échéance du {in_days(30):%d/%m/%Y}"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a1@campus.example",
        "a2@campus.example",
        "a3@campus.example",
    ]
    assert "Avant la fin du mois, merci." in mail.outbox[0].body
    assert "Rose Manager vous a assigné le parcours « Parcours P3 »" in mail.outbox[0].body


def test_services_campaigns_without_subunits(org):
    """Without sub-units, only the agents attached to the unit itself."""
    campaign = services.create_campaign(
        path=org.p3,
        created_by=org.manager,
        due_date=in_days(10),
        unit=org.unit_a,
        include_subunits=False,
    )
    assert set(campaign.assignments.values_list("user_id", flat=True)) == {org.a1.pk, org.a2.pk}


def test_services_campaigns_existing_enrolments_are_kept(org, django_capture_on_commit_callbacks):
    """A completed self-enrolment stays completed (now "assigned"); an abandoned one comes back
    with its progress."""
    with django_capture_on_commit_callbacks(execute=True):
        campaign = services.create_campaign(
            path=org.p1, created_by=org.manager, due_date=in_days(5), users=[org.a1]
        )
        services.create_campaign(
            path=org.p2, created_by=org.manager, due_date=in_days(5), users=[org.a3]
        )
    a1_p1 = Enrolment.objects.get(user=org.a1, path=org.p1)
    assert a1_p1.status == Enrolment.Status.COMPLETED and a1_p1.origin == Enrolment.Origin.ASSIGNED
    assert campaign.assignments.get().enrolment == a1_p1
    assert campaign_progress(campaign, org.manager, timezone.localdate()).completed == 1
    a3_p2 = Enrolment.objects.get(user=org.a3, path=org.p2)
    assert a3_p2.status == Enrolment.Status.IN_PROGRESS and a3_p2.progress_percent == 50


def test_services_campaigns_refuse_outside_scope(org):
    """A manager cannot assign bureau B nor its agents; nothing is created."""
    with pytest.raises(NotAllowed):
        services.create_campaign(
            path=org.p3, created_by=org.manager, due_date=in_days(5), unit=org.unit_b
        )
    with pytest.raises(NotAllowed):
        services.create_campaign(
            path=org.p3, created_by=org.manager, due_date=in_days(5), users=[org.b1]
        )
    with pytest.raises(NotAllowed):
        services.create_campaign(
            path=org.p3, created_by=org.a1, due_date=in_days(5), users=[org.a2]
        )
    assert not Assignment.objects.filter(campaign__path=org.p3).exists()


def test_services_campaigns_refuse_past_due_date_and_empty_target(org):
    """A due date in the past, nobody to assign, or an unpublished path: refused."""
    with pytest.raises(LearnerServiceError, match="passé"):
        services.create_campaign(
            path=org.p3, created_by=org.manager, due_date=in_days(-1), users=[org.a1]
        )
    with pytest.raises(LearnerServiceError, match="Aucun agent"):
        services.create_campaign(path=org.p3, created_by=org.manager, due_date=in_days(1))
    draft = build_path(title="Brouillon", published=False)
    with pytest.raises(NotFound):
        services.create_campaign(
            path=draft, created_by=org.manager, due_date=in_days(1), users=[org.a1]
        )


def test_services_campaigns_agents_joining_later_are_not_assigned_silently(org):
    """A newcomer in the section is listed as not assigned, then added once."""
    campaign = services.create_campaign(
        path=org.p3, created_by=org.manager, due_date=in_days(20), unit=org.unit_a
    )
    newcomer = UserFactory(email="arrivee@campus.example", org_unit=org.section_a1)
    assert list(not_assigned(campaign, org.manager)) == [newcomer]
    assert services.add_to_campaign(campaign=campaign, users=[newcomer], added_by=org.manager) == 1
    assert services.add_to_campaign(campaign=campaign, users=[newcomer], added_by=org.manager) == 0
    assert list(not_assigned(campaign, org.manager)) == []
    assignment = campaign.assignments.get(user=newcomer)
    assert assignment.due_date == in_days(20)


def test_services_campaigns_overdue_is_derived_from_the_enrolment(org):
    """Overdue: due date passed and the enrolment not completed; completing clears it."""
    today = timezone.localdate()
    late = Assignment.objects.filter(campaign=org.campaign_a).overdue(today)
    assert set(late.values_list("user_id", flat=True)) == {org.a2.pk, org.a3.pk}
    Enrolment.objects.filter(user=org.a2, path=org.p1).update(status=Enrolment.Status.COMPLETED)
    late = Assignment.objects.filter(campaign=org.campaign_a).overdue(today)
    assert set(late.values_list("user_id", flat=True)) == {org.a3.pk}


def test_services_campaigns_bulk_assignment_query_count(org, django_assert_max_num_queries):
    """Assigning a unit costs a bounded number of queries, not a few per agent."""
    for number in range(30):
        UserFactory(email=f"masse{number}@campus.example", org_unit=org.section_a1)
    EnrolmentFactory(user=org.a1, path=org.p3, status=Enrolment.Status.IN_PROGRESS)
    with django_assert_max_num_queries(25):
        campaign = services.create_campaign(
            path=org.p3, created_by=org.manager, due_date=in_days(9), unit=org.unit_a
        )
    assert campaign.assignments.count() == 33
