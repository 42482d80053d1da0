"""Reads of the sessions capability: seats taken, waiting-list positions, an agent's seats."""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from courses import catalogue_version
from courses.models import CoursePage, TrainingPathPage
from courses.selectors import upcoming_sessions
from learners.learning import selectors as learning_selectors
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


def module_titles() -> dict[int, tuple[str, int | None]]:
    """{module id: (title, id of its path)} of every module (two queries, then cached until
    the next publication: `courses.catalogue_version`)."""
    return catalogue_version.cached("learners:module-titles", _module_titles, local=True)


def _module_titles() -> dict[int, tuple[str, int | None]]:
    # A module's parent is its path.
    steplen = Page.steplen
    paths = dict(TrainingPathPage.objects.values_list("path", "pk"))
    return {
        pk: (title, paths.get(tree_path[:-steplen]))
        for pk, title, tree_path in CoursePage.objects.values_list("pk", "title", "path")
    }


def fill_dashboard(user, dashboard) -> None:
    """ "Mon espace": the agent's upcoming sessions, each with its module's and path's titles
    (cached) and waiting-list position (one query, and one with a waitlisted seat)."""
    registrations = list(
        SessionRegistration.objects.for_user(user)
        .current()
        .upcoming()
        .select_related("session")
        .order_by("session__start")
    )
    # Read even without registrations: the same queries for every agent when the caches are
    # cold (and none once they are filled).
    modules, cards = module_titles(), learning_selectors.path_cards()
    for registration in registrations:
        title, path_id = modules.get(registration.session.course_id, ("", None))
        registration.module_title = title
        registration.training_path = (
            learning_selectors.path_card(cards, path_id) if path_id else None
        )
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
