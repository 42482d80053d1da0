"""A trainer changes only the paths of their pedagogical team, and what is below them; reviewers
and administrators change every path. The matrix: role × page of another team's path × action,
through Wagtail's own admin views and its permission tester."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    catalogue,
)
from courses.models import CoursePage, TrainingPathPage
from learners.accounts.permissions import ADMINISTRATORS_GROUP
from learners.factories import UserFactory
from tests.courses.admin_forms import _form_data, add_url, edit_url
from tests.courses.conftest import make_reviewer, make_trainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    """Path A: created by trainer A, with trainer A2 on its team. Trainer B is on no team."""
    trainer_a = make_trainer("formatrice.a@campus.example")
    trainer_a2 = make_trainer("formateur.a2@campus.example")
    trainer_b = make_trainer("formateur.b@campus.example")
    path = TrainingPathFactory(title="Parcours de l’équipe A", owner=trainer_a)
    path.contact_trainers.add(trainer_a2)
    path.save()  # a ParentalManyToManyField is written with its page
    module = CourseFactory(parent=path, title="Module A")
    lesson = LessonFactory(parent=module, title="Leçon A")
    quiz = QuizFactory(parent=module, title="Quiz A")
    administrator = UserFactory(
        email="admin@campus.example", groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)]
    )
    return {
        "path": path,
        "module": module,
        "lesson": lesson,
        "quiz": quiz,
        "trainer_a": trainer_a,
        "trainer_a2": trainer_a2,
        "trainer_b": trainer_b,
        "reviewer": make_reviewer("relecteur@campus.example"),
        "administrator": administrator,
        "superuser": UserFactory(email="root@campus.example", is_superuser=True, is_staff=True),
    }


ALLOWED = ["trainer_a", "trainer_a2", "reviewer", "superuser"]
PAGES = ["path", "module", "lesson", "quiz"]


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize("role", [*ALLOWED, "trainer_b"])
def test_path_team_can_edit(team, role, page_name):
    perms = team[page_name].permissions_for_user(team[role])
    assert perms.can_edit() is (role in ALLOWED)
    if role not in ALLOWED:
        assert not any(
            (perms.can_delete(), perms.can_add_subpage(), perms.can_move(), perms.can_lock())
        )


@pytest.mark.parametrize("page_name", PAGES)
def test_path_team_other_trainer_gets_no_edit_view(client, team, page_name):
    client.force_login(team["trainer_b"])
    response = client.get(edit_url(team[page_name]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != edit_url(team[page_name])


def test_path_team_other_trainer_cannot_change_by_post(client, team):
    # The form as its team sees it, posted by trainer B.
    client.force_login(team["trainer_a"])
    data = _form_data(client, edit_url(team["path"]))
    data["summary"] = "Réécrit par un autre"
    client.force_login(team["trainer_b"])
    response = client.post(edit_url(team["path"]), data)
    assert response.status_code in (302, 403)
    team["path"].refresh_from_db()
    assert team["path"].summary != "Réécrit par un autre"
    assert not team["path"].get_latest_revision() or (
        "Réécrit par un autre" not in str(team["path"].get_latest_revision().content)
    )


def test_path_team_other_trainer_cannot_add_a_module(client, team):
    client.force_login(team["trainer_b"])
    assert not team["path"].permissions_for_user(team["trainer_b"]).can_add_subpage()
    response = client.get(add_url(team["path"], CoursePage))
    assert response.status_code in (302, 403)


def test_path_team_member_edits_and_adds(client, team):
    client.force_login(team["trainer_a2"])
    assert client.get(edit_url(team["lesson"])).status_code == 200
    assert client.get(add_url(team["path"], CoursePage)).status_code == 200


def test_path_team_any_trainer_creates_a_new_path(client, team):
    client.force_login(team["trainer_b"])
    assert client.get(add_url(catalogue(), TrainingPathPage)).status_code == 200


def test_path_team_reviewer_and_administrator_edit_every_path(client, team):
    for role in ("reviewer", "superuser"):
        client.force_login(team[role])
        assert client.get(edit_url(team["path"])).status_code == 200


def test_path_team_explorer_offers_no_edit_link_to_another_trainer(client, team):
    client.force_login(team["trainer_b"])
    response = client.get(reverse("wagtailadmin_explore", args=[catalogue().pk]))
    assert response.status_code == 200
    assert edit_url(team["path"]) not in response.content.decode()
