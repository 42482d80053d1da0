"""Session registrations: seats, waitlist, cancellation with promotion, attendance.

Seats are never overbooked: every change to a session's registrations starts by locking the
session row (`lock_session`, the same design as `learning.services.locks`, correct on
PostgreSQL and SQLite), then counts the confirmed registrations. Lock order is always
enrolment, then session.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import TrainingSession
from courses.selectors import path_outline
from learners.accounts import permissions
from learners.common.exceptions import (
    AlreadyRegisteredForModule,
    LearnerServiceError,
    NotAllowed,
    NotEnrolled,
    NotFound,
    RegistrationClosed,
)
from learners.common.notifications import enqueue_on_commit
from learners.learning import selectors
from learners.learning.models import Enrolment
from learners.learning.services.locks import lock_enrolment
from learners.learning.services.progress import (
    forget_completion,
    record_completion,
    refresh_enrolment,
)
from learners.sessions.models import SessionRegistration
from learners.sessions.tasks import (
    send_session_cancelled,
    send_session_changed,
    send_session_confirmed,
    send_session_promoted,
    send_session_waitlisted,
    send_session_withdrawn,
)

Status = SessionRegistration.Status


def lock_session(session_id: int) -> TrainingSession:
    """Lock a session row (a no-op UPDATE) and return it freshly read, with its module."""
    if not TrainingSession.objects.filter(pk=session_id).update(capacity=F("capacity")):
        raise NotFound()
    return TrainingSession.objects.select_related("course").get(pk=session_id)


def register_for_session(*, user, session) -> SessionRegistration:
    """Give the enrolled agent a seat, or a place on the waitlist when the session is full.

    Idempotent: registering again returns the current registration. Raises `NotEnrolled`,
    `NotFound` (module not live), `RegistrationClosed` after the deadline, and
    `AlreadyRegisteredForModule` when the agent holds another session of the same module.
    """
    course = session.course
    if not (course.live and course.has_sessions):
        raise NotFound()
    path = selectors.path_of(course)
    if path is None or not path.live:
        raise NotFound()
    with transaction.atomic():
        enrolment = lock_enrolment(user, path)
        session = lock_session(session.pk)
        registration = SessionRegistration.objects.filter(user=user, session=session).first()
        if registration is not None and registration.is_current:
            return registration
        if not session.is_open_for_registration:
            raise RegistrationClosed()
        other = (
            SessionRegistration.objects.for_user(user)
            .current()
            .filter(session__course_id=session.course_id, session__end__gt=timezone.now())
            .exclude(session=session)
        )
        if other.exists():
            raise AlreadyRegisteredForModule()
        confirmed = SessionRegistration.objects.filter(session=session).confirmed().count()
        now = timezone.now()
        status = Status.CONFIRMED if confirmed < session.capacity else Status.WAITLISTED
        if registration is None:
            registration = SessionRegistration.objects.create(
                user=user, session=session, status=status, created_at=now, registered_at=now
            )
        else:  # registering again after cancelling: back of the queue
            registration.status, registration.registered_at = status, now
            registration.cancelled_at = registration.promoted_at = None
            registration.save(
                update_fields=["status", "registered_at", "cancelled_at", "promoted_at"]
            )
        if enrolment.status == Enrolment.Status.ENROLLED:
            refresh_enrolment(enrolment, path_outline(path), started=True)
        task = send_session_confirmed if status == Status.CONFIRMED else send_session_waitlisted
        enqueue_on_commit(task, registration.pk, registration.registered_at.isoformat())
    return registration


def cancel_registration(*, user, registration) -> SessionRegistration:
    """Cancel the agent's registration; a confirmed seat goes to the first agent waiting.

    Idempotent. Raises `NotFound` for another agent's registration and `RegistrationClosed`
    once the session has started.
    """
    if registration.user_id != user.pk:
        raise NotFound()
    with transaction.atomic():
        session = lock_session(registration.session_id)
        registration.refresh_from_db()
        if registration.status == Status.CANCELLED:
            return registration
        if session.start <= timezone.now():
            raise RegistrationClosed(
                _("Cette session a commencé : l’inscription ne peut plus être annulée.")
            )
        had_seat = registration.status == Status.CONFIRMED
        registration.status, registration.cancelled_at = Status.CANCELLED, timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if had_seat:  # the agent may have the event in their calendar: it is withdrawn
            enqueue_on_commit(
                send_session_cancelled, registration.pk, registration.cancelled_at.isoformat()
            )
        _fill_free_seats(session)
    return registration


def promote_waitlist(*, session) -> list[SessionRegistration]:
    """Give free seats (after a cancellation or a larger capacity) to the agents waiting."""
    with transaction.atomic():
        session = lock_session(session.pk)
        return _fill_free_seats(session)


def _fill_free_seats(session) -> list[SessionRegistration]:
    """Promote waiting agents in order while seats are free (the session row is locked)."""
    if session.start <= timezone.now():
        return []
    free = (
        session.capacity - SessionRegistration.objects.filter(session=session).confirmed().count()
    )
    if free <= 0:
        return []
    promoted = list(
        SessionRegistration.objects.filter(session=session)
        .waitlisted()
        .order_by("registered_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status, registration.promoted_at = Status.CONFIRMED, now
        registration.save(update_fields=["status", "promoted_at"])
        enqueue_on_commit(send_session_promoted, registration.pk, now.isoformat())
    return promoted


def mark_attendance(*, session, present: Iterable[int], marked_by) -> int:
    """Record who attended: confirmed registrations whose id is in `present` attended, the
    other confirmed ones did not. Attending completes the session activity (the module) for the
    agent; unmarking removes that completion. Returns the number of registrations changed.

    Raises `NotAllowed` unless `marked_by` is the session's trainer or an administrator.
    """
    if not permissions.may_mark_attendance(marked_by, session):
        raise NotAllowed(
            _("Seul le formateur de la session ou un administrateur saisit les présences.")
        )
    present = {int(pk) for pk in present}
    course = session.course
    path = selectors.path_of(course)
    outline = path_outline(path) if path is not None else None
    entry = selectors.outline_entry(outline, course.pk) if outline is not None else None
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        registrations = SessionRegistration.objects.filter(session=session).confirmed()
        for registration in registrations.select_related("user"):
            attended = registration.pk in present
            if registration.attended is attended:
                continue
            registration.attended = attended
            registration.attendance_marked_at, registration.attendance_marked_by = now, marked_by
            registration.save(
                update_fields=["attended", "attendance_marked_at", "attendance_marked_by"]
            )
            changed += 1
            if entry is None:
                continue  # module unpublished: attendance is kept, progress is not touched
            if attended:
                _complete_session_activity(registration.user, entry, path, outline)
            else:
                forget_completion(user=registration.user, activity_id=entry.id, path=path)
    return changed


def _complete_session_activity(user, entry, path, outline) -> None:
    try:
        enrolment = lock_enrolment(user, path)
    except NotEnrolled:
        enrolment = None  # abandoned: the completion is kept for when the agent comes back
    record_completion(user=user, entry=entry, path=path)
    if enrolment is not None:
        refresh_enrolment(enrolment, outline)


def cancel_session(*, session, cancelled_by, reason: str) -> int:
    """Cancel a session (its trainer or an administrator): it stays recorded as cancelled,
    every current registration is cancelled, and each agent is told — with the calendar event
    withdrawn (METHOD:CANCEL) for a confirmed seat. Idempotent; returns the agents told.

    Raises `NotAllowed` for anyone else, `RegistrationClosed` once the session has started,
    `LearnerServiceError` without a reason.
    """
    if not permissions.may_mark_attendance(cancelled_by, session):
        raise NotAllowed()
    reason = reason.strip()
    if not reason:
        raise LearnerServiceError(
            _("Indiquez le motif de l’annulation : il est envoyé aux inscrits.")
        )
    with transaction.atomic():
        session = lock_session(session.pk)
        if session.cancelled_at is not None:
            return 0
        now = timezone.now()
        if session.start <= now:
            raise RegistrationClosed(
                _("Cette session a commencé : elle ne peut plus être annulée.")
            )
        TrainingSession.objects.filter(pk=session.pk).update(
            cancelled_at=now, cancellation_reason=reason[:2000]
        )
        registrations = list(SessionRegistration.objects.filter(session=session).current())
        SessionRegistration.objects.filter(pk__in=[r.pk for r in registrations]).update(
            status=Status.CANCELLED, cancelled_at=now
        )
        for registration in registrations:
            enqueue_on_commit(
                send_session_withdrawn, registration.pk, registration.status, now.isoformat()
            )
    return len(registrations)


def announce_schedule_changes(*, course) -> int:
    """After a module's publication: tell the agents registered to a session whose date or place
    changed (with the updated calendar event), and remember what they were told. Returns the
    agents told. A session announced for the first time is only remembered."""
    told = 0
    with transaction.atomic():
        sessions = TrainingSession.objects.select_for_update().filter(
            course_id=course.pk, cancelled_at__isnull=True, start__gt=timezone.now()
        )
        for session in sessions:
            schedule = session.schedule
            if schedule == session.announced_schedule:
                continue
            if session.announced_schedule:
                for registration in SessionRegistration.objects.filter(session=session).current():
                    enqueue_on_commit(send_session_changed, registration.pk, schedule)
                    told += 1
            TrainingSession.objects.filter(pk=session.pk).update(announced_schedule=schedule)
    return told
