"""Commits of one agent's SCOs arriving at the same moment (PostgreSQL, real threads): every SCO
saved once, the activity completed once, the path completed once.

Skipped on SQLite (it serialises all writes and cannot share its in-memory test database
between connections); CI runs it on PostgreSQL.
"""

import uuid

import pytest
from django.db import connection

from courses.models import ScormActivityPage
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment, PackageAttempt
from learners.learning.packages.datamodel import clean_cmi
from learners.learning.packages.services import commit
from tests.concurrency import run_together
from tests.packages import SCORM2004_ROLLUP, package_path, stored

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_migrated_content"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite ignores row locks and serialises all writes",
    ),
]


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path):
    settings.PACKAGE_ROOT = tmp_path / "packages"


def test_concurrency_package_commits_every_sco_at_once():
    """The five SCOs' completing commits, twice each, at the same moment."""
    path = package_path(stored(SCORM2004_ROLLUP))
    page = ScormActivityPage.objects.descendant_of(path).get()
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    scos = page.package.sco_identifiers
    key = uuid.uuid4()
    data = clean_cmi("scorm2004", {"cmi.completion_status": "completed"})

    def work(index):
        return commit(
            user=agent,
            page=page,
            path=path,
            sco=scos[index % len(scos)],
            attempt_key=key,
            sequence=1,
            data=data,
        )

    results = run_together(2 * len(scos), work)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(result.applied for result in results) == len(scos)  # the repeats ignored
    assert PackageAttempt.objects.filter(user=agent).count() == len(scos)
    assert ActivityCompletion.objects.filter(user=agent, activity_id=page.pk).count() == 1
    assert Enrolment.objects.get(user=agent, path=path).status == Enrolment.Status.COMPLETED
