"""A certificate's identity is an integer certification cycle of its enrolment, not the time
the path was completed: rounding or moving that time never issues a second certificate."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from courses.factories import publish
from learners.certification import services as certification_services
from learners.certification.models import Certificate
from learners.learning.models import Enrolment
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db

migration = importlib.import_module("learners.migrations.0009_certification_cycle")


def renewable_path():
    path = learning_path()
    path.certificate_validity_months = 12
    publish(path)
    return path


def expire(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )


def test_cycle_first_certificate_then_renewal(django_capture_on_commit_callbacks):
    user, path = agent(), renewable_path()
    first = certified(user, path, django_capture_on_commit_callbacks)
    assert first.cycle == 1
    expire(first)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = certification_services.renew_certification(user=user, path=path)
    assert enrolment.certification_cycle == 2
    assert Enrolment.objects.get(pk=enrolment.pk).certification_cycle == 2
    second = certified(user, path, django_capture_on_commit_callbacks)
    assert second.cycle == 2
    first.refresh_from_db()
    assert first.superseded_by == second


@pytest.mark.parametrize(
    "moved",
    [
        lambda at: at.replace(microsecond=0),  # a dump that keeps whole seconds
        lambda at: at - datetime.timedelta(hours=1),  # a clock set back
        lambda at: at + datetime.timedelta(microseconds=1),
    ],
    ids=["rounded", "clock-back", "one-microsecond"],
)
def test_cycle_completion_time_moved_issues_nothing_new(django_capture_on_commit_callbacks, moved):
    user, path = agent(), renewable_path()
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    enrolment = Enrolment.objects.get(pk=certificate.enrolment_id)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=moved(enrolment.completed_at))
    again = certification_services.issue_certificate(enrolment=enrolment)
    assert again == certificate and not again.created
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_cycle_migration_backfill(django_capture_on_commit_callbacks):
    """Existing data: an enrolment's certificates, oldest first, become cycles 1 and 2; an
    enrolment renewed since its last certificate is in the next cycle."""
    user, path = agent(), renewable_path()
    first = certified(user, path, django_capture_on_commit_callbacks)
    expire(first)
    with django_capture_on_commit_callbacks(execute=True):
        certification_services.renew_certification(user=user, path=path)
    second = certified(user, path, django_capture_on_commit_callbacks)
    expire(second)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = certification_services.renew_certification(user=user, path=path)
    # As before the migration: no cycle known.
    Certificate.objects.filter(pk=first.pk).update(cycle=101)
    Certificate.objects.filter(pk=second.pk).update(cycle=102)
    Enrolment.objects.filter(pk=enrolment.pk).update(certification_cycle=1)

    migration.backfill(apps, None)

    assert Certificate.objects.get(pk=first.pk).cycle == 1
    assert Certificate.objects.get(pk=second.pk).cycle == 2
    assert Enrolment.objects.get(pk=enrolment.pk).certification_cycle == 3
