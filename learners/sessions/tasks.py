"""Background tasks of the learners app (django-tasks): the agents' e-mails.

Each task reads the current state and sends nothing if it no longer applies (a registration
cancelled before the e-mail went out). `version` identifies the event (the time it happened),
so that registering again after cancelling sends a new e-mail, while a task run twice does not.
"""

import hashlib

from django.urls import reverse
from django_tasks import task

from learners.common.links import absolute_url
from learners.common.notifications import deliver_once
from learners.sessions import calendar
from learners.sessions.models import SessionRegistration


def _registration(registration_id: int, status: str) -> SessionRegistration | None:
    registration = (
        SessionRegistration.objects.select_related("user", "session__course")
        .filter(pk=registration_id, status=status)
        .first()
    )
    return registration


def _session_email(
    kind: str, registration: SessionRegistration, version: str, *, had_seat: bool | None = None
) -> bool:
    """The registration's e-mail; a confirmed seat comes with its calendar event (.ics), a
    cancelled one with the event's withdrawal (`had_seat`: whether the agent held a seat, when
    the registration's status no longer says it)."""
    from learners.sessions.selectors import waitlist_position

    attachments = []
    if had_seat is not None:
        if had_seat:
            event = calendar.session_event(registration, cancelled=True)
            attachments.append(("annulation-session.ics", event, "text/calendar; method=CANCEL"))
    elif registration.status == SessionRegistration.Status.CONFIRMED:
        event = calendar.session_event(registration)
        attachments.append(("session.ics", event, "text/calendar; method=PUBLISH"))
    elif registration.status == SessionRegistration.Status.CANCELLED:
        event = calendar.session_event(registration, cancelled=True)
        attachments.append(("annulation-session.ics", event, "text/calendar; method=CANCEL"))
    return deliver_once(
        kind=kind,
        key=f"{kind}:{registration.pk}:{version}",
        user=registration.user,
        template=f"sessions/{kind}",
        context={
            "registration": registration,
            "session": registration.session,
            "course": registration.session.course,
            "waitlist_position": waitlist_position(registration),
            "dashboard_url": absolute_url(reverse("dashboard")),
            "activity_url": absolute_url(
                reverse("learning_activity", args=[registration.session.course_id])
            ),
        },
        attachments=attachments,
    )


@task()
def send_session_confirmed(registration_id: int, version: str) -> bool:
    registration = _registration(registration_id, SessionRegistration.Status.CONFIRMED)
    return bool(registration) and _session_email("session_confirmed", registration, version)


@task()
def send_session_waitlisted(registration_id: int, version: str) -> bool:
    registration = _registration(registration_id, SessionRegistration.Status.WAITLISTED)
    return bool(registration) and _session_email("session_waitlisted", registration, version)


@task()
def send_session_cancelled(registration_id: int, version: str) -> bool:
    """The agent cancelled a confirmed seat: the e-mail removes the event from their calendar."""
    registration = _registration(registration_id, SessionRegistration.Status.CANCELLED)
    return bool(registration) and _session_email("session_cancelled", registration, version)


@task()
def send_session_promoted(registration_id: int, version: str) -> bool:
    registration = _registration(registration_id, SessionRegistration.Status.CONFIRMED)
    return bool(registration) and _session_email("session_promoted", registration, version)


@task()
def send_session_withdrawn(registration_id: int, previous_status: str, version: str) -> bool:
    """The session was cancelled: its agents are told why; a confirmed seat's event is
    withdrawn from their calendar."""
    registration = _registration(registration_id, SessionRegistration.Status.CANCELLED)
    return bool(registration) and _session_email(
        "session_withdrawn",
        registration,
        version,
        had_seat=previous_status == SessionRegistration.Status.CONFIRMED,
    )


@task()
def send_session_changed(registration_id: int, schedule: str) -> bool:
    """The session's date or place changed: the agent gets the new details (and, with a seat,
    the updated calendar event, same UID, newer SEQUENCE). Once per registration and schedule."""
    registration = (
        SessionRegistration.objects.select_related("user", "session__course")
        .filter(pk=registration_id, status__in=SessionRegistration.CURRENT_STATUSES)
        .first()
    )
    if registration is None or registration.session.schedule != schedule:
        return False  # cancelled since, or changed again (a newer notice follows)
    version = hashlib.sha256(schedule.encode()).hexdigest()[:16]
    return _session_email("session_changed", registration, version)
