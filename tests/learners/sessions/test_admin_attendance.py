"""Trainers mark attendance in the Wagtail admin ("Présences"); others get 403."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Page

from learners.accounts.permissions import ADMINISTRATORS_GROUP, TRAINERS_GROUP
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment
from learners.sessions import services as sessions_services
from learners.sessions.models import SessionRegistration
from tests.learners.builders import learning_path, past_session, session_of

pytestmark = pytest.mark.django_db

INDEX = "/cms/presences/"


@pytest.fixture(scope="module")
def setting(module_db):
    """A path whose workshop had a session yesterday, run by a trainer, with two agents."""
    trainer = UserFactory(
        email="formatrice-presences@campus.example", groups=[Group.objects.get(name=TRAINERS_GROUP)]
    )
    path = learning_path(
        title="Parcours avec présences", quiz=False, session_module=True, trainer=trainer
    )
    workshop = Page.objects.descendant_of(path).get(title="Atelier").specific
    held = past_session(workshop, trainer=trainer)
    agents = UserFactory.create_batch(2)
    registrations = []
    for agent in agents:
        learning_services.enrol(user=agent, path=path)
        registrations.append(
            SessionRegistration.objects.create(
                user=agent, session=held, status=SessionRegistration.Status.CONFIRMED
            )
        )
    return {
        "trainer": trainer,
        "path": path,
        "workshop": workshop,
        "held": held,
        "registrations": registrations,
    }


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_admin_attendance_trainer_sees_menu_and_own_sessions(client, setting):
    """The trainer finds "Présences" in the admin menu and their sessions, past and upcoming."""
    other_trainer = UserFactory(groups=[Group.objects.get(name=TRAINERS_GROUP)])
    past_session(setting["workshop"], trainer=other_trainer, location="Lyon")
    client.force_login(setting["trainer"])
    assert f'"{INDEX}"' in client.get("/cms/").content.decode()  # the sidebar menu's data
    html = soup(client.get(INDEX))
    links = [a["href"] for a in html.select("table.listing a")]
    assert links == [
        f"{INDEX}{setting['held'].pk}/",
        f"{INDEX}{session_of(setting['path']).pk}/",
    ]


def test_admin_attendance_mark_present_completes_the_activity(client, setting):
    """Checking an agent and saving records attendance and completes the session activity."""
    present, absent = setting["registrations"]
    client.force_login(setting["trainer"])
    page = f"{INDEX}{setting['held'].pk}/"
    html = soup(client.get(page))
    assert {i["value"] for i in html.select('input[name="present"]')} == {
        str(present.pk),
        str(absent.pk),
    }

    response = client.post(page, {"present": [present.pk]})
    assert response.status_code == 302
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attended, absent.attended) == (True, False)
    assert present.attendance_marked_by == setting["trainer"]
    assert ActivityCompletion.objects.filter(
        user=present.user, activity=setting["workshop"]
    ).exists()
    enrolment = Enrolment.objects.get(user=present.user, path=setting["path"])
    assert enrolment.completed_minutes == 180
    assert soup(client.get(page)).select_one(f"#present-{present.pk}").has_attr("checked")


def test_admin_attendance_upcoming_session_cannot_be_marked(client, setting):
    """Before a session starts, its page shows the agents but refuses attendance."""
    upcoming = session_of(setting["path"])
    agent = setting["registrations"][0].user
    sessions_services.register_for_session(user=agent, session=upcoming)
    client.force_login(setting["trainer"])
    page = f"{INDEX}{upcoming.pk}/"
    assert "n’a pas commencé" in client.get(page).content.decode()
    registration = SessionRegistration.objects.get(user=agent, session=upcoming)
    client.post(page, {"present": [registration.pk]})
    registration.refresh_from_db()
    assert registration.attended is None


@pytest.mark.parametrize("role", ["agent", "other_trainer", "reviewer"])
def test_admin_attendance_others_are_refused(client, setting, role):
    """An agent, another trainer or a reviewer cannot mark this session's attendance."""
    groups = {
        "agent": [],
        "other_trainer": [Group.objects.get(name=TRAINERS_GROUP)],
        "reviewer": [Group.objects.get(name="Responsables pédagogiques")],
    }[role]
    client.force_login(UserFactory(groups=groups))
    page = f"{INDEX}{setting['held'].pk}/"
    assert client.get(page).status_code in (302, 403)  # agents do not even reach the admin
    response = client.post(page, {"present": [r.pk for r in setting["registrations"]]})
    assert response.status_code in (302, 403)
    assert not SessionRegistration.objects.filter(session=setting["held"], attended=True).exists()


def test_admin_attendance_reviewer_has_no_menu(client, setting):
    """The menu item and index are for trainers and administrators only."""
    client.force_login(UserFactory(groups=[Group.objects.get(name="Responsables pédagogiques")]))
    assert client.get(INDEX).status_code in (302, 403)  # Wagtail sends refusals to its home
    assert f'"{INDEX}"' not in client.get("/cms/").content.decode()


def test_admin_attendance_administrator_sees_every_session(client, setting):
    """Administrators see and mark every session."""
    admin = UserFactory(groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)])
    client.force_login(admin)
    html = soup(client.get(INDEX))
    assert html.find("a", href=f"{INDEX}{setting['held'].pk}/")
    present = setting["registrations"][1]
    client.post(f"{INDEX}{setting['held'].pk}/", {"present": [present.pk]})
    present.refresh_from_db()
    assert present.attended is True
