"""Helpers and fixtures of the certification tests (#5): signing keys, finishing a path.

Import the fixtures you use into the test module (`from .certification import signing_key`).
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from learners.accounts.permissions import ADMINISTRATORS_GROUP, TRAINERS_GROUP
from learners.certification.models import Certificate
from learners.certification.openbadges.keys import generate_private_key_pem
from learners.factories import SessionRegistrationFactory, UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from tests.learners.builders import learning_path, past_session, quiz_answers


@pytest.fixture(scope="session")
def rsa_pem() -> str:
    return generate_private_key_pem("RS256")


@pytest.fixture(scope="session")
def other_rsa_pem() -> str:
    return generate_private_key_pem("RS256")


@pytest.fixture
def signing_key(settings, rsa_pem) -> str:
    """The campus signs with one RSA key (RS256)."""
    settings.OPENBADGES_SIGNING_KEYS = [rsa_pem]
    return rsa_pem


@pytest.fixture
def administrator(db):
    return UserFactory(
        email="administratrice@campus.example",
        first_name="Sacha",
        last_name="Durand",
        groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)],
    )


@pytest.fixture
def trainer(db):
    return UserFactory(
        email="formateur-cert@campus.example", groups=[Group.objects.get(name=TRAINERS_GROUP)]
    )


def agent(email="camille.martin@campus.example", **fields):
    return UserFactory(**{"first_name": "Camille", "last_name": "Martin", "email": email, **fields})


def partial_answers(quiz, right: int) -> dict[int, list[int]]:
    """Answers with the first `right` questions right and the others wrong."""
    answers = {}
    for index, question in enumerate(quiz.questions.order_by("sort_order", "pk")):
        choices = list(question.choices.all())
        correct = [c.pk for c in choices if c.is_correct]
        wrong = [c.pk for c in choices if not c.is_correct][:1]
        answers[question.pk] = correct if index < right else wrong
    return answers


def do_activities(user, path, *, quiz_right: int | None = None, attend_by=None, skip=()):
    """Enrol `user` and complete the path's activities (except the titles in `skip`): lessons
    completed, quizzes answered (all right, or `quiz_right` questions right), session modules
    attended (a past session, attendance marked by `attend_by`)."""
    learning_services.enrol(user=user, path=path)
    for activity in path.get_outline().activities:
        if activity.title in skip:
            continue
        page = Page.objects.get(pk=activity.id).specific
        if activity.kind == "lesson":
            learning_services.complete_activity(user=user, activity=page)
        elif activity.kind == "quiz":
            answers = (
                quiz_answers(page) if quiz_right is None else partial_answers(page, quiz_right)
            )
            learning_services.submit_quiz(user=user, quiz=page, answers=answers)
        elif activity.kind == "session" and attend_by is not None:
            session = past_session(page)
            registration = SessionRegistrationFactory(user=user, session=session)
            sessions_services.mark_attendance(
                session=session, present=[registration.pk], marked_by=attend_by
            )


def certified(user, path, capture, **options) -> Certificate | None:
    """Finish the path with on-commit callbacks run (as in production), return the certificate."""
    with capture(execute=True):
        do_activities(user, path, **options)
    return Certificate.objects.filter(user=user, path=path).order_by("-issued_at").first()


__all__ = [
    "administrator",
    "agent",
    "certified",
    "do_activities",
    "learning_path",
    "other_rsa_pem",
    "partial_answers",
    "rsa_pem",
    "signing_key",
    "trainer",
]
