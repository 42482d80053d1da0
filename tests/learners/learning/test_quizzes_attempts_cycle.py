"""Quiz attempts per certification cycle: renewing a certificate gives the attempts back.

The attempts limit, the best score and the quiz's state in the outline count only the attempts
of the enrolment's current cycle (`selectors.current_cycle_attempts`: since the renewal,
`Enrolment.cycle_started_at`); earlier attempts stay stored and exported.
Every test needs the database; the path is built once per module.
"""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page

from courses.factories import publish
from learners.certification import services as certification_services
from learners.certification.models import Certificate
from learners.common.exceptions import AttemptsExhausted
from learners.factories import UserFactory
from learners.learning import selectors
from learners.learning import services as learning_services
from learners.learning.models import Enrolment, QuizAttempt
from learners.privacy.selectors import personal_data_for
from tests.learners.builders import learning_path, quiz_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def path(module_db):
    """One lesson and a quiz of two attempts; certificates valid twelve months."""
    path = learning_path(title="Parcours renouvelable", lessons=1, attempts_allowed=2)
    path.certificate_validity_months = 12
    return publish(path)


def page(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


def enrolment_of(user, path) -> Enrolment:
    return Enrolment.objects.get(user=user, path=path)


def attempt(user, quiz, *, right: bool) -> QuizAttempt:
    return learning_services.submit_quiz(
        user=user, quiz=quiz, answers=quiz_answers(quiz, right=right)
    )


def first_cycle(user, path) -> Certificate:
    """Enrol, finish the lesson, use both attempts (failed, then passed) and get certified."""
    learning_services.enrol(user=user, path=path)
    learning_services.complete_activity(user=user, activity=page(path, "Leçon 1"))
    quiz = page(path, "Quiz des bases")
    attempt(user, quiz, right=False)
    attempt(user, quiz, right=True)
    certificate = certification_services.issue_certificate(
        enrolment=enrolment_of(user, path), notify=False
    )
    assert certificate is not None
    return certificate


def renew(user, path, certificate: Certificate) -> Enrolment:
    """The certificate expired yesterday: the agent starts the second cycle."""
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    return certification_services.renew_certification(user=user, path=path)


def quiz_state(response, quiz) -> str:
    """The quiz's state in the outline menu of a learning page ("a_faire", "en_cours"…)."""
    link = BeautifulSoup(response.content, "html.parser").find("a", href=f"/apprendre/{quiz.pk}/")
    state = link.select_one(".campus-activity-state")
    return next(c for c in state["class"] if c.startswith("campus-activity-state--")).split("--")[1]


@pytest.fixture
def agent(db):
    return UserFactory(email="dominique.renouvelle@campus.example")


def test_services_quiz_attempts_cycle_limit_resets_on_renewal(agent, path):
    """Limit reached in cycle 1; the renewal starts cycle 2 with every attempt allowed again."""
    quiz = page(path, "Quiz des bases")
    certificate = first_cycle(agent, path)
    with pytest.raises(AttemptsExhausted):
        attempt(agent, quiz, right=True)

    renew(agent, path, certificate)
    assert selectors.current_cycle_attempts(enrolment_of(agent, path)).count() == 0
    attempt(agent, quiz, right=False)
    attempt(agent, quiz, right=True)
    with pytest.raises(AttemptsExhausted):  # the limit applies again within cycle 2
        attempt(agent, quiz, right=True)
    assert QuizAttempt.objects.filter(user=agent, quiz=quiz).count() == 4


def test_services_quiz_attempts_cycle_retakes_before_renewal_stay_in_cycle_one(agent, path):
    """A retake after the completion, before the renewal, belongs to cycle 1: cycle 2 starts
    with every attempt and no score."""
    quiz = page(path, "Quiz des bases")
    learning_services.enrol(user=agent, path=path)
    learning_services.complete_activity(user=agent, activity=page(path, "Leçon 1"))
    attempt(agent, quiz, right=True)
    certificate = certification_services.issue_certificate(
        enrolment=enrolment_of(agent, path), notify=False
    )
    attempt(agent, quiz, right=True)  # a retake while certified, before renewing

    renew(agent, path, certificate)
    enrolment = enrolment_of(agent, path)
    assert selectors.current_cycle_attempts(enrolment).count() == 0
    assert certification_services.evaluate_certification_rule(enrolment).quiz_scores == {}
    attempt(agent, quiz, right=False)
    attempt(agent, quiz, right=True)  # both of cycle 2's attempts are allowed
    with pytest.raises(AttemptsExhausted):
        attempt(agent, quiz, right=True)


def test_services_quiz_attempts_cycle_best_score_is_the_current_cycles(agent, path):
    """After renewal, the best score is cycle 2's, as the certification rule counts it."""
    quiz = page(path, "Quiz des bases")
    renew(agent, path, first_cycle(agent, path))
    enrolment = enrolment_of(agent, path)
    assert selectors.best_scores(agent, [quiz.pk], enrolment=enrolment) == {}
    attempt(agent, quiz, right=False)
    assert selectors.best_scores(agent, [quiz.pk], enrolment=enrolment) == {quiz.pk: 0}
    assert selectors.best_scores(agent, [quiz.pk]) == {quiz.pk: 100}  # every cycle
    rule = certification_services.evaluate_certification_rule(enrolment_of(agent, path))
    assert rule.quiz_scores == {quiz.pk: 0}


def test_services_quiz_attempts_cycle_completed_cycle_keeps_its_attempts(agent, path):
    """While cycle 1 is completed and certified, its own attempts still count."""
    quiz = page(path, "Quiz des bases")
    first_cycle(agent, path)
    enrolment = enrolment_of(agent, path)
    assert enrolment.is_completed
    assert selectors.current_cycle_attempts(enrolment).filter(quiz=quiz).count() == 2


def test_services_quiz_attempts_cycle_second_renewal_counts_only_the_third_cycle(agent, path):
    """Each renewal moves the boundary to the completion its certificate records."""
    quiz = page(path, "Quiz des bases")
    renew(agent, path, first_cycle(agent, path))
    learning_services.complete_activity(user=agent, activity=page(path, "Leçon 1"))
    attempt(agent, quiz, right=True)
    second = certification_services.issue_certificate(
        enrolment=enrolment_of(agent, path), notify=False
    )
    assert second is not None and second.enrolment_completed_at is not None
    assert selectors.current_cycle_attempts(enrolment_of(agent, path)).count() == 1

    renew(agent, path, second)
    assert selectors.current_cycle_attempts(enrolment_of(agent, path)).count() == 0
    attempt(agent, quiz, right=False)
    attempt(agent, quiz, right=False)
    with pytest.raises(AttemptsExhausted):
        attempt(agent, quiz, right=True)
    assert QuizAttempt.objects.filter(user=agent, quiz=quiz).count() == 5


def test_views_quiz_attempts_cycle_learning_view_counts_the_current_cycle(client, agent, path):
    """The quiz in the learning view: attempts left, best score, history and state of cycle 2."""
    quiz = page(path, "Quiz des bases")
    renew(agent, path, first_cycle(agent, path))
    client.force_login(agent)

    response = client.get(f"/apprendre/{quiz.pk}/")
    assert response.status_code == 200
    context = response.context
    assert (context["attempts_left"], context["may_attempt"]) == (2, True)
    assert context["attempts"] == [] and context["best_score"] is None
    assert not context["has_passed"]
    assert "Plus de tentative disponible" not in response.content.decode()
    # In the outline, the quiz is "à faire", not "en cours" because of cycle 1's attempts.
    lesson = client.get(f"/apprendre/{page(path, 'Leçon 1').pk}/")
    assert quiz_state(lesson, quiz) == "a_faire"

    failed = attempt(agent, quiz, right=False)
    context = client.get(f"/apprendre/{quiz.pk}/").context
    assert (context["attempts_left"], context["best_score"]) == (1, 0)
    assert [a.pk for a in context["attempts"]] == [failed.pk]
    lesson = client.get(f"/apprendre/{page(path, 'Leçon 1').pk}/")
    assert quiz_state(lesson, quiz) == "en_cours"

    result = client.get(f"/apprendre/tentatives/{failed.pk}/")
    assert (result.context["best_score"], result.context["attempts_left"]) == (0, 1)
    assert "Refaire le quiz" in result.content.decode()


def test_views_quiz_attempts_cycle_earlier_attempts_stay_exported(client, agent, path):
    """Cycle 1's attempts are still stored, viewable and in the personal-data export."""
    quiz = page(path, "Quiz des bases")
    renew(agent, path, first_cycle(agent, path))
    attempt(agent, quiz, right=False)
    stored = list(QuizAttempt.objects.filter(user=agent).order_by("submitted_at", "pk"))
    assert [a.score for a in stored] == [0, 100, 0]

    exported = personal_data_for(agent)["tentatives_quiz"]
    assert [row["score_pourcent"] for row in exported] == [0, 100, 0]

    client.force_login(agent)
    download = json.loads(client.get("/mon-espace/mes-donnees.json").content)
    assert [row["score_pourcent"] for row in download["tentatives_quiz"]] == [0, 100, 0]
    earlier = client.get(f"/apprendre/tentatives/{stored[1].pk}/")
    assert earlier.status_code == 200
    assert "Quiz réussi : 100 %" in earlier.content.decode()
