"""Reads of the sessions capability: seats taken, waiting-list positions, an agent's seats."""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from courses.models import TrainingPathPage
from courses.selectors import upcoming_sessions
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


def registered_modules(user, outline) -> set[int]:
    """Ids of the outline's session modules where the agent holds a current registration (the
    learning capability shows them "en cours"); one query, none without session modules."""
    session_modules = outline.session_module_ids
    if not session_modules:
        return set()
    return set(
        SessionRegistration.objects.for_user(user)
        .current()
        .filter(session__course_id__in=session_modules)
        .values_list("session__course_id", flat=True)
    )


def fill_dashboard(user, dashboard) -> None:
    """ "Mon espace": the agent's upcoming sessions, each with its path and waiting-list
    position (three queries)."""
    registrations = list(
        SessionRegistration.objects.for_user(user)
        .current()
        .upcoming()
        .select_related("session__course")
        .order_by("session__start")
    )
    # The path of each session's module, in one query (a module's parent is its path).
    steplen = Page.steplen
    parent_paths = {r.session.course.path[:-steplen] for r in registrations}
    paths = {p.path: p for p in TrainingPathPage.objects.filter(path__in=parent_paths)}
    for registration in registrations:
        registration.training_path = paths.get(registration.session.course.path[:-steplen])
    waitlist_positions(registrations)
    dashboard.upcoming_registrations = registrations


def activity_context(request, course) -> dict:
    """What the learning view shows of a session module: its upcoming sessions, the agent's
    registration to each and their current one (three queries)."""
    sessions = upcoming_sessions([course.pk])
    registrations = list(
        SessionRegistration.objects.for_user(request.user)
        .filter(session__course_id=course.pk)
        .select_related("session")
        .order_by("-session__start")
    )
    waitlist_positions(registrations)
    by_session = {r.session_id: r for r in registrations}
    current = next((r for r in registrations if r.is_current), None)
    for session in sessions:
        session.my_registration = by_session.get(session.pk)
    return {
        "sessions": sessions,
        "current_registration": current,
        "attended_registration": next((r for r in registrations if r.attended), None),
        "now": timezone.now(),
    }
