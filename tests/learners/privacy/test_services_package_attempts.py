"""SCORM and H5P attempts in the agent's data: listed in "Mes données", their content cleared
on erasure (statuses and scores kept for the statistics)."""

import uuid

import pytest

from courses.models import ScormActivityPage
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import PackageAttempt
from learners.learning.packages.datamodel import clean_cmi
from learners.learning.packages.services import commit
from learners.privacy import services
from learners.privacy.selectors import personal_data_for
from tests.packages import SCORM12, package_path, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path_factory):
    settings.PACKAGE_ROOT = tmp_path_factory.getbasetemp() / "packages"


@pytest.fixture
def attempt():
    path = package_path(stored(SCORM12))
    page = ScormActivityPage.objects.descendant_of(path).get()
    user = UserFactory()
    learning_services.enrol(user=user, path=path)
    cmi = {
        "cmi.core.lesson_status": "passed",
        "cmi.core.score.raw": "85",
        "cmi.comments": "Mon commentaire personnel",
    }
    commit(
        user=user,
        page=page,
        path=path,
        sco="item_1",
        attempt_key=uuid.uuid4(),
        sequence=1,
        data=clean_cmi("scorm12", cmi),
    )
    return PackageAttempt.objects.get(user=user)


def test_privacy_package_attempts_in_personal_data(attempt):
    """The export lists the attempt with its activity, statuses, score and saved data."""
    rows = personal_data_for(attempt.user)["suivis_modules_scorm_h5p"]
    assert len(rows) == 1
    row = rows[0]
    assert row["activite"] == attempt.activity.title
    assert (row["achevement"], row["reussite"]) == ("completed", "passed")
    assert float(row["score_normalise"]) == 0.85
    assert row["donnees_du_module"]["cmi.comments"] == "Mon commentaire personnel"


def test_privacy_package_attempts_other_agents_not_exported(attempt):
    assert personal_data_for(UserFactory())["suivis_modules_scorm_h5p"] == []


def test_privacy_package_attempts_cleared_on_erasure(attempt):
    """Erasure removes what the agent typed in the content; the result stays for the figures."""
    services.erase_account(user=attempt.user, confirmed_by=None)
    attempt.refresh_from_db()
    assert attempt.cmi == {} and attempt.attempt_key is None
    assert attempt.completion_status == "completed"
    assert attempt.score_percent == 85
