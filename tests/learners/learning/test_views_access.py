"""Access to the learning space: anonymous visitors go to the login page and come back; an
agent sees only their own enrolments, attempts and registrations (another agent's ids: 404);
unpublished, missing or foreign activities answer 404 or 403 with a clear message, never 500."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from courses.factories import LessonFactory
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.sessions import services as sessions_services
from tests.learners.builders import learning_path, quiz_answers, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def path(module_db):
    return learning_path(title="Parcours protégé", session_module=True)


@pytest.fixture(scope="module")
def owner_data(module_db, path):
    """An agent with an enrolment, a quiz attempt and a session registration."""
    owner = UserFactory(email="proprietaire@campus.example")
    learning_services.enrol(user=owner, path=path)
    quiz = page(path, "Quiz des bases")
    attempt = learning_services.submit_quiz(user=owner, quiz=quiz, answers=quiz_answers(quiz))
    registration = sessions_services.register_for_session(user=owner, session=session_of(path))
    return {"owner": owner, "attempt": attempt, "registration": registration}


def page(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


def urls(path, owner_data):
    lesson, quiz = page(path, "Leçon 1"), page(path, "Quiz des bases")
    session = session_of(path)
    return {
        "dashboard": ("get", "/mon-espace/"),
        "resume": ("get", f"/parcours/{path.pk}/reprendre/"),
        "abandon": ("get", f"/parcours/{path.pk}/abandon/"),
        "learning": ("get", f"/apprendre/{lesson.pk}/"),
        "complete": ("post", f"/apprendre/{lesson.pk}/terminer/"),
        "quiz": ("post", f"/apprendre/{quiz.pk}/quiz/"),
        "attempt": ("get", f"/apprendre/tentatives/{owner_data['attempt'].pk}/"),
        "register": ("post", f"/apprendre/sessions/{session.pk}/inscription/"),
        "cancel": ("get", f"/apprendre/inscriptions/{owner_data['registration'].pk}/annulation/"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "dashboard",
        "resume",
        "abandon",
        "learning",
        "complete",
        "quiz",
        "attempt",
        "register",
        "cancel",
    ],
)
def test_views_access_anonymous_goes_to_login(client, path, owner_data, name):
    """Every page of the learning space sends anonymous visitors to the login, with `next`."""
    method, address = urls(path, owner_data)[name]
    response = getattr(client, method)(address)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={address}"


def test_views_access_anonymous_enrol_comes_back_to_the_path(client, path):
    """An anonymous "S'inscrire" goes to the login, then back to the path page."""
    response = client.post(f"/parcours/{path.pk}/inscription/")
    assert response["Location"] == f"{reverse('account_login')}?next={path.url}"


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("attempt", 404),
        ("cancel", 404),
        ("abandon", 404),
        ("resume", 404),
        ("learning", 403),
        ("complete", 403),
        ("quiz", 403),
        ("register", 403),
    ],
)
def test_views_access_wrong_user(client, path, owner_data, name, status):
    """Another agent gets 404 on the owner's attempt and registration, and 403 with a clear
    message on the activities of a path they are not enrolled in; nothing is recorded."""
    client.force_login(UserFactory())
    method, address = urls(path, owner_data)[name]
    response = getattr(client, method)(address)
    assert response.status_code == status
    text = response.content.decode()
    if status == 403:
        assert "Inscrivez-vous au parcours" in text or "Inscrivez-vous" in text
    assert ActivityCompletion.objects.exclude(user=owner_data["owner"]).count() == 0
    assert QuizAttempt.objects.count() == 1


def test_views_access_wrong_user_cannot_cancel_by_post(client, path, owner_data):
    """Posting another agent's registration id cancels nothing."""
    client.force_login(UserFactory())
    response = client.post(f"/apprendre/inscriptions/{owner_data['registration'].pk}/annulation/")
    assert response.status_code == 404
    owner_data["registration"].refresh_from_db()
    assert owner_data["registration"].is_current


def test_views_access_abandoned_agent_cannot_record_progress(client, path):
    """After abandoning, the activities answer 403 until the agent enrols again."""
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    learning_services.abandon(user=agent, path=path)
    client.force_login(agent)
    lesson = page(path, "Leçon 1")
    assert client.get(f"/apprendre/{lesson.pk}/").status_code == 403
    assert client.post(f"/apprendre/{lesson.pk}/terminer/").status_code == 403
    assert not ActivityCompletion.objects.filter(user=agent).exists()


@pytest.mark.parametrize("target", ["draft", "missing", "module", "path", "home"])
def test_views_access_unknown_or_unpublished_activity(client, path, target):
    """Unpublished, missing pages and pages that are not activities answer 404, with a message."""
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    client.force_login(agent)
    activity_id = {
        "draft": lambda: LessonFactory(parent=page(path, "Les bases"), title="Brouillon").pk,
        "missing": lambda: 999999,
        "module": lambda: page(path, "Les bases").pk,  # an e-learning module is not an activity
        "path": lambda: path.pk,
        "home": lambda: Page.objects.get(depth=2).pk,
    }[target]()
    for response in (
        client.get(f"/apprendre/{activity_id}/"),
        client.post(f"/apprendre/{activity_id}/terminer/"),
        client.post(f"/apprendre/{activity_id}/quiz/"),
    ):
        assert response.status_code == 404
        assert "n’existe pas ou n’est pas publiée" in response.content.decode()


def test_views_access_lesson_endpoint_refuses_other_kinds(client, path):
    """A quiz is not completed by the lesson button; a lesson is not a quiz."""
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    client.force_login(agent)
    quiz, lesson = page(path, "Quiz des bases"), page(path, "Leçon 1")
    client.post(f"/apprendre/{quiz.pk}/terminer/")
    assert client.post(f"/apprendre/{lesson.pk}/quiz/").status_code == 404
    assert not ActivityCompletion.objects.filter(user=agent).exists()


def test_views_access_unpublished_path(client, path):
    """A draft path cannot be enrolled in (404 with a message)."""
    draft = learning_path(title="Parcours brouillon", published=False)
    client.force_login(UserFactory())
    response = client.post(f"/parcours/{draft.pk}/inscription/")
    assert response.status_code == 404
    assert "n’est pas publié" in response.content.decode()
    assert not Enrolment.objects.filter(path=draft).exists()
