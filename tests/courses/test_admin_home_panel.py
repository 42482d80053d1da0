"""The admin dashboard's "Campus : pour commencer" panel (courses/admin_panels.py)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.factories import (
    CourseFactory,
    LessonFactory,
    TrainingPathFactory,
    catalogue,
    publish,
)
from learners.accounts.permissions import ADMINISTRATORS_GROUP
from learners.factories import UserFactory
from tests.courses.conftest import make_reviewer, make_trainer

pytestmark = pytest.mark.django_db

HEADING = "Campus : pour commencer"
DASHBOARD = "/cms/"


def submit(path, trainer):
    """Save the trainer's revision and start the catalogue's workflow, as "Soumettre" does."""
    path.save_revision(user=trainer)
    return path.get_workflow().start(path, trainer)


def add_drafts(trainer, count: int, *, first: int = 0) -> None:
    """`count` paths of `trainer`: every other one in review, the others plain drafts."""
    for number in range(first, first + count):
        path = TrainingPathFactory(title=f"Brouillon {number}", owner=trainer)
        if number % 2:
            submit(path, trainer)


@pytest.fixture(scope="module")
def authored(module_db):
    """A trainer with a draft, a path in review, a path sent back, a published path; another
    trainer's draft."""
    trainer = make_trainer()
    reviewer = make_reviewer()
    draft = TrainingPathFactory(title="Parcours en brouillon", owner=trainer)
    in_review = TrainingPathFactory(title="Parcours en relecture", owner=trainer)
    submit(in_review, trainer)
    sent_back = TrainingPathFactory(title="Parcours à reprendre", owner=trainer)
    submit(sent_back, trainer).current_task_state.reject(user=reviewer, comment="Un quiz ?")
    published = TrainingPathFactory(title="Parcours publié", owner=trainer)
    LessonFactory(parent=CourseFactory(parent=published))
    publish(published, user=reviewer)
    TrainingPathFactory(
        title="Parcours d’une autre formatrice", owner=make_trainer("autre@campus.example")
    )
    return {
        "trainer": trainer,
        "reviewer": reviewer,
        "draft": draft,
        "in_review": in_review,
        "sent_back": sent_back,
    }


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def test_admin_home_panel_trainer_sees_own_paths_with_their_status(client, authored):
    """The trainer's panel: the two first steps, their unpublished paths with their status and
    edit links, the review reminder; neither published paths nor another trainer's."""
    html = dashboard(client, authored["trainer"])
    assert HEADING in html
    parent = catalogue().pk
    add_url = reverse("wagtailadmin_pages:add", args=["courses", "trainingpathpage", parent])
    assert f'href="{add_url}"' in html
    assert f'href="{reverse("wagtailadmin_explore", args=[parent])}"' in html
    assert "Vos parcours sont relus par les responsables pédagogiques avant publication." in html
    for key, status in [
        ("draft", "brouillon"),
        ("in_review", "en relecture"),
        ("sent_back", "modifications demandées"),
    ]:
        path = authored[key]
        edit_url = reverse("wagtailadmin_pages:edit", args=[path.pk])
        assert f'<a href="{edit_url}">{path.title}</a>' in html
        item = html[html.index(edit_url) :].split("</li>", 1)[0]
        assert status in item, (key, item)
    assert "Parcours publié" not in html.split(HEADING, 1)[1].split("</section>", 1)[0]
    assert "Parcours d’une autre formatrice" not in html


def test_admin_home_panel_reviewer_sees_the_panel(client, authored):
    """A reviewer may add paths too: the panel is there, with no path of their own."""
    html = dashboard(client, authored["reviewer"])
    assert HEADING in html
    assert "Vous n’avez aucun parcours en brouillon ni en relecture." in html
    # Wagtail's own "Awaiting your review" panel lists the trainer's submitted path.
    assert "Parcours en relecture" in html


def test_admin_home_panel_hidden_without_the_right_to_add_paths(client, authored):
    """An administrator without page rights reaches the admin, without the panel; an agent does
    not reach the admin at all."""
    administrator = UserFactory(
        email="gestion@campus.example", groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)]
    )
    assert not catalogue().permissions_for_user(administrator).can_add_subpage()
    assert HEADING not in dashboard(client, administrator)

    client.force_login(UserFactory(email="agente@campus.example"))
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert HEADING not in response.content.decode()


def test_admin_home_panel_queries_do_not_grow_with_drafts(
    client, trainer, django_assert_max_num_queries
):
    """The dashboard of a trainer with 10 paths in progress costs no more queries than with 2."""
    add_drafts(trainer, 2)
    dashboard(client, trainer)  # warm-up: site, content types and permissions caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert "Brouillon 1" in response.content.decode()
    add_drafts(trainer, 8, first=2)
    with django_assert_max_num_queries(len(queries)):
        response = client.get(DASHBOARD)
    assert "Brouillon 9" in response.content.decode()
