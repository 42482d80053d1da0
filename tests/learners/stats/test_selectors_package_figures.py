"""Statistics of a path with SCORM and H5P activities: completions per activity, and agents
and average score per package activity, withheld below the minimum number of agents."""

import uuid

import pytest

from courses.models import H5PActivityPage, ScormActivityPage
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.packages.datamodel import clean_cmi
from learners.learning.packages.services import commit
from learners.stats.selectors import compute_path_statistics
from tests.packages import H5P_TRUEFALSE, SCORM12, package_path, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path_factory):
    settings.PACKAGE_ROOT = tmp_path_factory.getbasetemp() / "packages"


def play(path, page, raw: int):
    user = UserFactory()
    learning_services.enrol(user=user, path=path)
    commit(
        user=user,
        page=page,
        path=path,
        sco="item_1",
        attempt_key=uuid.uuid4(),
        sequence=1,
        data=clean_cmi("scorm12", {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": raw}),
    )


def test_stats_package_figures():
    path = package_path(stored(SCORM12), stored(H5P_TRUEFALSE))
    scorm = ScormActivityPage.objects.descendant_of(path).get()
    h5p = H5PActivityPage.objects.descendant_of(path).get()
    for raw in (60, 80, 100):
        play(path, scorm, raw)
    statistics = compute_path_statistics(path, minimum=3)
    rows = {figures.activity.id: figures for figures in statistics.packages}
    assert rows[scorm.pk].agents == 3 and rows[scorm.pk].average_score == 80
    assert rows[h5p.pk].agents == 0 and rows[h5p.pk].average_score is None
    completions = {a.activity.id: a.completions for a in statistics.activities}
    assert completions == {scorm.pk: 3, h5p.pk: 0}
    assert compute_path_statistics(path, minimum=4).packages[0].withheld is True


def test_stats_package_figures_page_shows_them(client, settings):
    from django.contrib.auth.models import Group

    from learners.accounts.permissions import REVIEWERS_GROUP

    settings.PATH_STATISTICS_MIN_COUNT = 1
    path = package_path(stored(SCORM12))
    play(path, ScormActivityPage.objects.descendant_of(path).get(), 90)
    client.force_login(UserFactory(groups=[Group.objects.get(name=REVIEWERS_GROUP)]))
    from django.urls import reverse

    url = reverse("learners_path_statistics_detail", args=[path.pk])
    html = client.get(url).content.decode()
    assert "Modules SCORM et contenus H5P" in html
    assert "90 %" in html
    assert "Module SCORM" in html
