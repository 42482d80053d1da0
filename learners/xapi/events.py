"""From a learning event's rows to its statements: used in the event's transaction
(`receivers`) and when a period is rebuilt from the database (`rebuild`), so both give the
same statements. Each function reads what the statement needs in a constant number of queries
(the path's outline comes from the catalogue's cache)."""

from django.urls import reverse

from courses.selectors import path_outline
from learners.common.links import absolute_url
from learners.learning import selectors
from learners.learning.services.quizzes import quiz_rules
from learners.xapi import statements


def _entry(path, activity_id: int):
    return selectors.outline_entry(path_outline(path), activity_id)


def enrolment_registered(enrolment) -> list[dict]:
    return [statements.registered_in_path(enrolment)]


def enrolment_completed(enrolment) -> list[dict]:
    if enrolment.completed_at is None:
        return []
    return [statements.completed_path(enrolment)]


def activity_completed(completion) -> list[dict]:
    # The completion service hands over the outline entry it read before its transaction.
    entry = getattr(completion, "outline_entry", None) or _entry(
        completion.path, completion.activity_id
    )
    if entry is None:  # no longer in the published path: nothing to describe it with
        return []
    return [statements.completed_activity(completion, entry)]


def activity_launched(*, user, path, activity_id: int, at) -> list[dict]:
    entry = _entry(path, activity_id)
    if entry is None:
        return []
    return [statements.launched_activity(user=user, entry=entry, path_id=path.pk, at=at)]


def quiz_submitted(attempt) -> list[dict]:
    """Each question answered, then the quiz passed or failed."""
    path_id = attempt.enrolment.path_id
    rules = quiz_rules(attempt.quiz)
    built = [
        statements.answered_question(
            attempt, question_id=question_id, rules=question, path_id=path_id
        )
        for question_id, question in sorted(rules.items())
        if str(question_id) in attempt.answers
    ]
    entry = _entry(attempt.enrolment.path, attempt.quiz_id)
    built.append(statements.scored_quiz(attempt, entry=entry, path_id=path_id))
    return built


def _session_path_id(registration) -> int | None:
    path = selectors.path_of(registration.session.course)
    return None if path is None else path.pk


def session_registered(registration) -> list[dict]:
    path_id = _session_path_id(registration)
    if path_id is None:
        return []
    return [statements.registered_for_session(registration, path_id=path_id)]


def session_attended(registration) -> list[dict]:
    path_id = _session_path_id(registration)
    if path_id is None or registration.attendance_marked_at is None:
        return []
    return [statements.attended_session(registration, path_id=path_id)]


def certificate_earned(certificate) -> list[dict]:
    if certificate.user_id is None or certificate.path_id is None:
        return []
    url = absolute_url(reverse("certificate_verify_detail", args=[certificate.public_id]))
    return [statements.earned_certificate(certificate, verification_url=url)]
