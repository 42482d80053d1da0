"""Renewing a certificate restarts the path's SCORM and H5P activities too: their saved states
(lesson status, score, suspend data) belonged to the previous cycle, like the completions, and a
package that still said "completed" would never report completion again."""

import datetime
import uuid

import pytest
from django.utils import timezone

from courses.models import ScormActivityPage
from learners.certification import services as certification_services
from learners.certification.models import Certificate
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, PackageAttempt
from learners.learning.packages.datamodel import clean_cmi
from learners.learning.packages.services import commit
from tests.learners.certification.fixtures import agent
from tests.packages import SCORM12, package_path, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path_factory):
    settings.PACKAGE_ROOT = tmp_path_factory.getbasetemp() / "packages"


def complete_scorm(user, path, page, django_capture_on_commit_callbacks):
    data = clean_cmi(
        page.package.kind,
        {"cmi.core.lesson_status": "completed", "cmi.suspend_data": "page=9"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        commit(
            user=user,
            page=page,
            path=path,
            sco="item_1",
            attempt_key=uuid.uuid4(),
            sequence=1,
            data=data,
        )


def test_renewal_packages_restart_with_the_new_cycle(django_capture_on_commit_callbacks):
    path = package_path(stored(SCORM12))
    path.certificate_validity_months = 12
    path.save_revision().publish()
    page = ScormActivityPage.objects.descendant_of(path).get()
    user = agent()
    learning_services.enrol(user=user, path=path)
    complete_scorm(user, path, page, django_capture_on_commit_callbacks)
    first = Certificate.objects.get(user=user, path=path)
    Certificate.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        certification_services.renew_certification(user=user, path=path)

    assert not ActivityCompletion.objects.filter(user=user, path=path).exists()
    assert not PackageAttempt.objects.filter(user=user, path=path).exists()
    complete_scorm(user, path, page, django_capture_on_commit_callbacks)
    assert Certificate.objects.filter(user=user, path=path).count() == 2
