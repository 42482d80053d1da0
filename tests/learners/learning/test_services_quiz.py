"""Quiz services: server-side scoring of each question type, validation, attempts limit, best
score, and the double-submit guard."""

import datetime
import uuid

import pytest
from django.utils import timezone
from wagtail.models import Page

from learners.common.exceptions import AttemptsExhausted, InvalidAnswers, NotEnrolled
from learners.factories import UserFactory
from learners.learning import selectors, services
from learners.learning.models import ActivityCompletion, QuizAttempt
from learners.learning.services.quizzes import clean_answers, quiz_rules, score
from tests.learners.builders import learning_path, quiz_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def quiz(module_db):
    path = learning_path(title="Parcours des quiz", attempts_allowed=3)
    return Page.objects.descendant_of(path).get(title="Quiz des bases").specific


@pytest.fixture
def agent(db, quiz):
    agent = UserFactory()
    services.enrol(user=agent, path=quiz.get_parent().get_parent().specific)
    return agent


def questions(quiz):
    """(single, multiple, true/false) questions with their choices."""
    single, multiple, true_false = quiz.questions.order_by("sort_order")
    return single, multiple, true_false


def ids(question, *indexes):
    choices = list(question.choices.order_by("sort_order"))
    return [choices[i].pk for i in indexes]


@pytest.mark.parametrize(
    ("single", "multiple", "true_false", "right"),
    [
        ((1,), (0, 1), (0,), 3),  # all right
        ((0,), (0, 1), (0,), 2),  # single choice wrong
        ((1,), (0,), (0,), 2),  # multiple choice: partial answer is wrong
        ((1,), (0, 1, 2), (0,), 2),  # multiple choice: an extra wrong choice is wrong
        ((1,), (0, 1), (1,), 2),  # true/false wrong
        ((2,), (2,), (1,), 0),  # all wrong
    ],
)
def test_services_quiz_scoring_by_question_type(db, quiz, single, multiple, true_false, right):
    """A question is right only with exactly its correct choices."""
    first, second, third = questions(quiz)
    answers = {
        first.pk: ids(first, *single),
        second.pk: ids(second, *multiple),
        third.pk: ids(third, *true_false),
    }
    rules = quiz_rules(quiz)
    assert score(rules, clean_answers(rules, answers)) == (right, 3)


def test_services_quiz_pass_completes_the_quiz(agent, quiz):
    """A passed attempt is stored with its answers and completes the activity."""
    started = timezone.now() - datetime.timedelta(minutes=4)
    attempt = services.submit_quiz(
        user=agent, quiz=quiz, answers=quiz_answers(quiz), started_at=started
    )
    assert (attempt.score, attempt.passed, attempt.correct_count, attempt.question_count) == (
        100,
        True,
        3,
        3,
    )
    assert 235 <= attempt.duration_seconds <= 245
    assert set(attempt.answers) == {str(q.pk) for q in quiz.questions.all()}
    assert ActivityCompletion.objects.filter(user=agent, activity=quiz).exists()


def test_services_quiz_fail_does_not_complete(agent, quiz):
    """A failed attempt is stored but completes nothing."""
    attempt = services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz, right=False))
    assert (attempt.score, attempt.passed) == (0, False)
    assert not ActivityCompletion.objects.filter(user=agent, activity=quiz).exists()


def test_services_quiz_pass_mark_boundary(agent, quiz):
    """Two right answers out of three (66 %) fail a quiz whose pass mark is 70 %."""
    first, second, third = questions(quiz)
    answers = {first.pk: ids(first, 1), second.pk: ids(second, 0, 1), third.pk: ids(third, 1)}
    attempt = services.submit_quiz(user=agent, quiz=quiz, answers=answers)
    assert (attempt.score, attempt.passed) == (66, False)


@pytest.mark.parametrize(
    "broken",
    ["missing", "foreign_choice", "two_single", "empty"],
)
def test_services_quiz_invalid_answers_are_refused(agent, quiz, broken):
    """Unanswered questions, choices of another question, several answers to a single-choice
    question: refused with a message per question, and no attempt stored."""
    first, second, third = questions(quiz)
    answers = quiz_answers(quiz)
    if broken == "missing":
        del answers[third.pk]
    elif broken == "foreign_choice":
        answers[first.pk] = ids(second, 0)
    elif broken == "two_single":
        answers[first.pk] = ids(first, 0, 1)
    else:
        answers[second.pk] = []
    with pytest.raises(InvalidAnswers) as refused:
        services.submit_quiz(user=agent, quiz=quiz, answers=answers)
    assert len(refused.value.details["errors"]) == 1
    assert not QuizAttempt.objects.filter(user=agent).exists()


def test_services_quiz_unknown_question_is_refused(agent, quiz):
    """An answer to a question that is not in the quiz is refused."""
    answers = {**quiz_answers(quiz), 999999: [1]}
    with pytest.raises(InvalidAnswers):
        services.submit_quiz(user=agent, quiz=quiz, answers=answers)


def test_services_quiz_attempts_limit(agent, quiz):
    """After the allowed attempts, the next one is refused with a clear message."""
    for _ in range(3):
        services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz, right=False))
    with pytest.raises(AttemptsExhausted) as refused:
        services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))
    assert "3 tentatives" in str(refused.value.message)
    assert QuizAttempt.objects.filter(user=agent, quiz=quiz).count() == 3


def test_services_quiz_best_score_is_kept(agent, quiz):
    """The best score stays the best, whatever the order of the attempts."""
    first, second, third = questions(quiz)
    two_right = {first.pk: ids(first, 1), second.pk: ids(second, 0, 1), third.pk: ids(third, 1)}
    services.submit_quiz(user=agent, quiz=quiz, answers=two_right)
    services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))
    services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz, right=False))
    assert selectors.best_scores(agent, [quiz.pk]) == {quiz.pk: 100}
    assert ActivityCompletion.objects.filter(user=agent, activity=quiz).count() == 1


def test_services_quiz_same_submission_twice_counts_once(agent, quiz):
    """A double submit of the same form returns the first attempt and uses no other."""
    key = uuid.uuid4()
    first = services.submit_quiz(
        user=agent, quiz=quiz, answers=quiz_answers(quiz, right=False), submission_key=key
    )
    again = services.submit_quiz(
        user=agent, quiz=quiz, answers=quiz_answers(quiz), submission_key=key
    )
    assert again.pk == first.pk and again.duplicate
    assert QuizAttempt.objects.filter(user=agent, quiz=quiz).count() == 1


def test_services_quiz_requires_enrolment(db, quiz):
    """An agent who is not enrolled cannot submit the quiz."""
    with pytest.raises(NotEnrolled):
        services.submit_quiz(user=UserFactory(), quiz=quiz, answers=quiz_answers(quiz))
