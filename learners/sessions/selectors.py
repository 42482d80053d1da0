"""Reads of the sessions capability: seats taken, waiting-list positions, an agent's seats."""

from collections import defaultdict

from django.db.models import Count

from learners.sessions.models import SessionRegistration


def confirmed_registrations_by_session(session_ids: list[int]) -> dict[int, int]:
    """{session id: confirmed registrations} (courses' `seats_taken` provider, one query)."""
    rows = (
        SessionRegistration.objects.filter(
            session_id__in=session_ids, status=SessionRegistration.Status.CONFIRMED
        )
        .values("session_id")
        .annotate(taken=Count("pk"))
    )
    return {row["session_id"]: row["taken"] for row in rows}


def waitlist_positions(registrations) -> None:
    """Set `waitlist_position` (1 = next to be promoted) on waitlisted registrations (1 query)."""
    waiting = [r for r in registrations if r.status == SessionRegistration.Status.WAITLISTED]
    for registration in registrations:
        registration.waitlist_position = None
    if not waiting:
        return
    queue = defaultdict(list)
    rows = (
        SessionRegistration.objects.waitlisted()
        .filter(session_id__in={r.session_id for r in waiting})
        .order_by("registered_at", "pk")
        .values_list("session_id", "pk")
    )
    for session_id, pk in rows:
        queue[session_id].append(pk)
    for registration in waiting:
        ids = queue[registration.session_id]
        registration.waitlist_position = (
            ids.index(registration.pk) + 1 if registration.pk in ids else None
        )


def waitlist_position(registration) -> int | None:
    waitlist_positions([registration])
    return registration.waitlist_position


def registrations_for_sessions(user, session_ids) -> dict[int, SessionRegistration]:
    """{session id: the agent's registration} (one query, plus one for waitlist positions)."""
    registrations = list(
        SessionRegistration.objects.for_user(user).filter(session_id__in=list(session_ids))
    )
    waitlist_positions(registrations)
    return {r.session_id: r for r in registrations}
