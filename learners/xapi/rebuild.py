"""The statements of a period, rebuilt from the database (`manage.py resend_xapi_statements`):
the same builders as at the time of each event, so the same statements with the same ids, and
sending them again to an LRS that holds them changes nothing there.

What the database keeps is rebuilt: enrolments, completed activities and paths, quiz attempts,
session registrations and attendance, certificates. "Launched" is not (only the last activity
opened is stored). Erased (inactive) accounts are left out.
"""

from collections.abc import Iterator

from learners.certification.models import Certificate
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.sessions.models import SessionRegistration
from learners.xapi import events

CHUNK = 500


def statements_between(since, until) -> Iterator[dict]:
    """Every statement of the events between `since` (included) and `until` (excluded)."""

    def period(field):
        return {f"{field}__gte": since, f"{field}__lt": until, "user__is_active": True}

    enrolments = Enrolment.objects.select_related("user", "path")
    for enrolment in enrolments.filter(**period("enrolled_at")).iterator(CHUNK):
        yield from events.enrolment_registered(enrolment)
    for enrolment in enrolments.filter(**period("completed_at")).iterator(CHUNK):
        yield from events.enrolment_completed(enrolment)
    completions = ActivityCompletion.objects.select_related("user", "path")
    for completion in completions.filter(**period("completed_at")).iterator(CHUNK):
        yield from events.activity_completed(completion)
    attempts = QuizAttempt.objects.select_related("user", "quiz", "enrolment__path")
    for attempt in attempts.filter(**period("submitted_at")).iterator(CHUNK):
        yield from events.quiz_submitted(attempt)
    registrations = SessionRegistration.objects.select_related("user", "session__course")
    confirmed = registrations.filter(status=SessionRegistration.Status.CONFIRMED)
    for registration in confirmed.filter(**period("registered_at")).iterator(CHUNK):
        yield from events.session_registered(registration)
    attended = registrations.filter(attended=True, **period("attendance_marked_at"))
    for registration in attended.iterator(CHUNK):
        yield from events.session_attended(registration)
    certificates = Certificate.objects.select_related("user")
    for certificate in certificates.filter(**period("issued_at")).iterator(CHUNK):
        yield from events.certificate_earned(certificate)
