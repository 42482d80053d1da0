"""Quizzes: answers scored on the server, attempts limited, best score kept.

Scoring: a question is right when the agent chose exactly its correct choices (for a
multiple-choice question, all of them and no other). The score is the whole percentage of right
questions, rounded down; the attempt passes at `quiz.pass_mark` or above. Passing completes the
quiz activity. The best score of an agent on a quiz is `selectors.best_scores` (one query).

Cycles: renewing a certificate starts a new certification cycle of the enrolment. The attempts
limit and the best score count only the attempts of the current cycle
(`selectors.current_cycle_attempts`: those after the completion certified by the previous
cycle's certificate); earlier attempts stay stored and in the agent's personal data.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import QuestionKind, QuizChoice, QuizQuestion
from courses.selectors import path_outline
from learners.common.exceptions import (
    AttemptsExhausted,
    InvalidAnswers,
    LearnerServiceError,
    NotFound,
)
from learners.learning import selectors
from learners.learning.models import QuizAttempt
from learners.learning.services.locks import lock_enrolment
from learners.learning.services.progress import record_completion, refresh_enrolment


@dataclass(frozen=True)
class QuestionRules:
    kind: str
    choice_ids: frozenset[int]
    correct_ids: frozenset[int]


def quiz_rules(quiz) -> dict[int, QuestionRules]:
    """{question id: its kind, choices and correct choices}, from the database (two queries)."""
    return rules_of_quizzes([quiz.pk]).get(quiz.pk, {})


def rules_of_quizzes(quiz_ids: Iterable[int]) -> dict[int, dict[int, QuestionRules]]:
    """{quiz id: `quiz_rules` of that quiz} for several quizzes at once (two queries); a quiz
    without questions is left out."""
    quiz_ids = list(quiz_ids)
    kinds: dict[int, tuple[int, str]] = {
        pk: (quiz_id, kind)
        for pk, quiz_id, kind in QuizQuestion.objects.filter(quiz_id__in=quiz_ids).values_list(
            "pk", "quiz_id", "kind"
        )
    }
    choices: dict[int, set[int]] = {pk: set() for pk in kinds}
    correct: dict[int, set[int]] = {pk: set() for pk in kinds}
    rows = QuizChoice.objects.filter(question__quiz_id__in=quiz_ids).values_list(
        "pk", "question_id", "is_correct"
    )
    for choice_id, question_id, is_correct in rows:
        choices[question_id].add(choice_id)
        if is_correct:
            correct[question_id].add(choice_id)
    rules: dict[int, dict[int, QuestionRules]] = {}
    for pk, (quiz_id, kind) in kinds.items():
        rules.setdefault(quiz_id, {})[pk] = QuestionRules(
            kind, frozenset(choices[pk]), frozenset(correct[pk])
        )
    return rules


def clean_answers(
    rules: Mapping[int, QuestionRules], answers: Mapping
) -> dict[int, frozenset[int]]:
    """Validate submitted answers against the quiz: every question answered, only its own
    choices, one choice for single-choice and true/false questions. Raises `InvalidAnswers`
    with `details["errors"]` = {question id: message}."""
    submitted: dict[int, set[int]] = {}
    for raw_question, raw_choices in answers.items():
        try:
            question_id = int(raw_question)
            values = [raw_choices] if isinstance(raw_choices, (int, str)) else list(raw_choices)
            submitted[question_id] = {int(value) for value in values}
        except (TypeError, ValueError):
            raise InvalidAnswers() from None
    errors = {}
    cleaned = {}
    for question_id, question in rules.items():
        chosen = submitted.pop(question_id, set())
        if not chosen:
            errors[question_id] = _("Choisissez une réponse.")
        elif not chosen <= question.choice_ids:
            errors[question_id] = _("Cette réponse ne correspond pas à la question.")
        elif question.kind != QuestionKind.MULTIPLE and len(chosen) > 1:
            errors[question_id] = _("Choisissez une seule réponse.")
        else:
            cleaned[question_id] = frozenset(chosen)
    if submitted:  # answers to questions that are not in this quiz
        raise InvalidAnswers()
    if errors:
        raise InvalidAnswers(errors=errors)
    return cleaned


def score(
    rules: Mapping[int, QuestionRules], cleaned: Mapping[int, frozenset[int]]
) -> tuple[int, int]:
    """(right questions, questions)."""
    right = sum(1 for pk, question in rules.items() if is_right(question, cleaned.get(pk)))
    return right, len(rules)


def is_right(question: QuestionRules, chosen: frozenset[int] | None) -> bool:
    """The agent chose exactly the question's correct choices (all of them, and no other)."""
    return chosen == question.correct_ids


def submit_quiz(
    *,
    user,
    quiz,
    answers: Mapping[int | str, Iterable[int | str]],
    started_at: datetime | None = None,
    submission_key=None,
) -> QuizAttempt:
    """Score the agent's answers, store the attempt, and complete the quiz when passed.

    `answers` is {question id: [choice ids]}. The same `submission_key` twice (a double
    submit) returns the first attempt. Raises `NotEnrolled`, `NotFound` (quiz not live or
    not in a live path), `InvalidAnswers` and `AttemptsExhausted`.
    """
    path = selectors.path_of(quiz)
    if path is None or not path.live:
        raise NotFound()
    outline = path_outline(path)
    entry = selectors.outline_entry(outline, quiz.pk)
    if entry is None or entry.kind != "quiz":
        raise NotFound()
    rules = quiz_rules(quiz)
    if not rules:
        raise NotFound(_("Ce quiz n’a pas encore de questions."))
    cleaned = clean_answers(rules, answers)
    right, total = score(rules, cleaned)
    result = right * 100 // total
    now = timezone.now()
    with transaction.atomic():
        enrolment = lock_enrolment(user, path)
        if submission_key is not None:
            previous = QuizAttempt.objects.filter(user=user, submission_key=submission_key).first()
            if previous is not None:
                previous.duplicate = True
                return previous
        if quiz.attempts_allowed:
            used = selectors.current_cycle_attempts(enrolment).filter(quiz=quiz).count()
            if used >= quiz.attempts_allowed:
                raise AttemptsExhausted(
                    _(
                        "Vous avez utilisé les %(count)s tentatives autorisées pour ce quiz : "
                        "votre meilleur score est conservé."
                    )
                    % {"count": quiz.attempts_allowed}
                )
        fields = {
            "user": user,
            "quiz": quiz,
            "enrolment": enrolment,
            "answers": {str(pk): sorted(ids) for pk, ids in cleaned.items()},
            "score": result,
            "correct_count": right,
            "question_count": total,
            "passed": result >= quiz.pass_mark,
            "started_at": started_at,
            "submitted_at": now,
            "duration_seconds": (
                max(0, int((now - started_at).total_seconds())) if started_at else None
            ),
        }
        if submission_key is not None:
            fields["submission_key"] = submission_key
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(**fields)
        except IntegrityError:  # a key that belongs to someone else
            raise LearnerServiceError() from None
        if attempt.passed:
            record_completion(user=user, entry=entry, path=path)
        refresh_enrolment(enrolment, outline, started=True)
    attempt.duplicate = False
    return attempt
