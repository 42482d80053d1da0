"""Reads of the catalogue's pages: a path's outline, its sessions, the pages' template contexts.

Every function answers in a constant number of queries, whatever the number of modules,
activities or sessions (asserted in tests/courses/test_queries_budget.py).
"""

from dataclasses import dataclass, field

from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Page

from courses import catalogue_version, providers
from courses.models import CoursePage, LessonPage, QuizPage, TrainingPathPage, TrainingSession


@dataclass(frozen=True)
class OutlineActivity:
    """One activity of a path, as enrolment and progress (in `learners`) refer to it.

    `id` is the page id of the lesson or quiz; for a session activity (`kind == "session"`),
    it is the page id of the module (CoursePage) whose sessions the agent attends.
    """

    id: int
    title: str
    url: str | None
    duration_minutes: int
    required: bool
    kind: str  # "lesson", "quiz" or "session"
    module_id: int
    live: bool = True


@dataclass
class OutlineModule:
    id: int
    title: str
    url: str | None
    summary: str
    format: str
    format_label: str
    activities: list[OutlineActivity] = field(default_factory=list)

    @property
    def duration_minutes(self) -> int:
        return sum(activity.duration_minutes for activity in self.activities)


@dataclass
class Outline:
    """The modules of a path in order, each with its activities in order."""

    modules: list[OutlineModule]

    @property
    def activities(self) -> list[OutlineActivity]:
        return [activity for module in self.modules for activity in module.activities]

    @property
    def duration_minutes(self) -> int:
        return sum(module.duration_minutes for module in self.modules)

    @property
    def required_activity_ids(self) -> frozenset[int]:
        return frozenset(activity.id for activity in self.activities if activity.required)

    @property
    def session_module_ids(self) -> list[int]:
        return [a.module_id for a in self.activities if a.kind == "session"]


def path_outline(path, *, include_drafts: bool = False, request=None) -> Outline:
    """The outline of `path` in three queries: modules, lessons, quizzes.

    Only live pages by default (what agents see and complete); with `include_drafts`, every
    page, as a reviewer previews a path before its first publication. The live outline is
    cached until the next publication (`courses.catalogue_version`; one cache round trip), its
    URLs computed without the request (relative on a single site, as with it).
    """
    if include_drafts:
        return _build_outline(path, include_drafts=True, request=request)
    return catalogue_version.cached(
        f"courses:outline:{path.pk}",
        lambda: _build_outline(path, include_drafts=False),
        local=True,
    )


def _build_outline(path, *, include_drafts: bool, request=None) -> Outline:
    modules = CoursePage.objects.child_of(path).order_by("path")
    lessons = LessonPage.objects.descendant_of(path).defer_streamfields().order_by("path")
    quizzes = QuizPage.objects.descendant_of(path).order_by("path")
    if not include_drafts:
        modules, lessons, quizzes = modules.live(), lessons.live(), quizzes.live()

    outline_modules = {}
    for module in modules:
        outline_modules[module.path] = OutlineModule(
            id=module.pk,
            title=module.title,
            url=module.get_url(request),
            summary=module.summary,
            format=module.format,
            format_label=module.get_format_display(),
        )
    steplen = Page.steplen
    activities = sorted([*lessons, *quizzes], key=lambda page: page.path)
    for page in activities:
        module = outline_modules.get(page.path[: len(page.path) - steplen])
        if module is None:  # under a module that is not live
            continue
        module.activities.append(
            OutlineActivity(
                id=page.pk,
                title=page.title,
                url=page.get_url(request),
                duration_minutes=page.duration_minutes,
                required=page.required,
                kind=page.activity_kind,
                module_id=module.id,
                live=page.live,
            )
        )
    for module_page in modules:
        if module_page.has_sessions:
            module = outline_modules[module_page.path]
            module.activities.append(
                OutlineActivity(
                    id=module_page.pk,
                    title=module_page.title,
                    url=module.url,
                    duration_minutes=module_page.session_duration_minutes,
                    required=module_page.attendance_required,
                    kind="session",
                    module_id=module_page.pk,
                    live=module_page.live,
                )
            )
    return Outline(modules=list(outline_modules.values()))


def upcoming_sessions(course_ids) -> list[TrainingSession]:
    """Sessions of these modules that have not started, with `seats_taken` and `seats_left`."""
    sessions = list(
        TrainingSession.objects.filter(course_id__in=list(course_ids), start__gt=timezone.now())
        .select_related("course", "trainer")
        .order_by("start")
    )
    taken = providers.seats_taken(session.pk for session in sessions)
    for session in sessions:
        session.seats_taken = taken.get(session.pk, 0)
        session.seats_left = max(session.capacity - session.seats_taken, 0)
        session.is_nearly_full = 0 < session.seats_left <= max(2, session.capacity // 5)
    return sessions


def breadcrumb(page) -> list[Page]:
    """The ancestors of a catalogue page below the home page (catalogue, path, module)."""
    return list(page.get_ancestors().filter(depth__gt=2))


def enrol_url(path) -> str | None:
    """The enrolment action, once `learners` provides the URL named "enrol_path"."""
    try:
        return reverse("enrol_path", args=[path.pk])
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class PageLink:
    """A page as a link: its URL computed without the request (relative on a single site)."""

    id: int
    title: str
    url: str | None


@dataclass(frozen=True)
class PathPageContent:
    """What a path page shows besides the path's own fields, the outline and the sessions: the
    same for every visitor until the next publication."""

    breadcrumb: list[PageLink]
    skills: list
    has_contact_trainers: bool  # who they are is read each time (names and e-mails may change)


def path_page_content(path, *, preview: bool = False) -> PathPageContent:
    """Three queries, then cached until the next publication (`courses.catalogue_version`);
    a preview reads the revision shown (its skills and trainers are in memory)."""
    if preview:
        return _build_path_page_content(path)
    return catalogue_version.cached(
        f"courses:path-page:{path.pk}", lambda: _build_path_page_content(path), local=True
    )


def _build_path_page_content(path) -> PathPageContent:
    return PathPageContent(
        breadcrumb=[PageLink(page.pk, page.title, page.url) for page in breadcrumb(path)],
        skills=list(path.skills.all()),
        has_contact_trainers=path.contact_trainers.exists(),
    )


def live_prerequisites(path, *, preview: bool = False) -> list[PageLink]:
    """The path's live prerequisite paths (one query, then cached until the next publication;
    `learners` asks only whether there are any before looking up what an agent completed)."""
    if preview:
        return _build_live_prerequisites(path)
    return catalogue_version.cached(
        f"courses:prerequisites:{path.pk}", lambda: _build_live_prerequisites(path), local=True
    )


def _build_live_prerequisites(path) -> list[PageLink]:
    return [PageLink(p.pk, p.title, p.url) for p in path.prerequisites.all() if p.live]


def path_page_context(path, request) -> dict:
    """The path page: what is the same for everyone is cached until the next publication
    (outline, breadcrumb, skills, prerequisites); sessions with their seats, the contact
    trainers and the agent's own state are read each time (a constant number of queries)."""
    preview = getattr(request, "is_preview", False)
    outline = path_outline(path, include_drafts=preview, request=request)
    content = path_page_content(path, preview=preview)
    sessions = upcoming_sessions(outline.session_module_ids)
    for module in outline.modules:
        module.upcoming_sessions = [s for s in sessions if s.course_id == module.id]
    trainers = list(path.contact_trainers.all()) if content.has_contact_trainers else []
    state = providers.learner_state(request, path)
    return {
        "outline": outline,
        "upcoming_sessions": sessions,
        # The sessions table names the module only when several modules have sessions.
        "sessions_show_module": len(outline.session_module_ids) > 1,
        "prerequisites": live_prerequisites(path, preview=preview),
        "contact_trainers": trainers,
        "skills": content.skills,
        "learner_state": state,
        "completed_activity_ids": (state or {}).get("completed_activity_ids", frozenset()),
        "enrol_url": enrol_url(path),
        "breadcrumb_pages": content.breadcrumb,
    }


def course_page_context(course, request) -> dict:
    activities = sorted(
        [
            *LessonPage.objects.child_of(course).live().defer_streamfields(),
            *QuizPage.objects.child_of(course).live(),
        ],
        key=lambda page: page.path,
    )
    return {
        "activities": activities,
        "upcoming_sessions": upcoming_sessions([course.pk]) if course.has_sessions else [],
        "breadcrumb_pages": breadcrumb(course),
    }


def learning_url(activity) -> str | None:
    """The activity in the learning view, once `learners` provides the URL named
    "learning_activity"."""
    try:
        return reverse("learning_activity", args=[activity.pk])
    except NoReverseMatch:
        return None


def activity_call_to_action(activity, request, path) -> dict | None:
    """Where the public page of a lesson or quiz leads: an agent enrolled in its path to the
    activity in the learning view, anyone else to the path page, to enrol.

    Anonymous visitors all get the same link, without a query, so the page holds nothing of one
    visitor (fit for the anonymous page cache, `campus/page_cache.py`); signed-in visitors ask
    `learners` through `providers.learner_state` (a constant number of queries).
    """
    if path is None or not path.live:
        return None
    user = getattr(request, "user", None)
    state = providers.learner_state(request, path) if user is not None else None
    url = learning_url(activity) if activity.live else None
    if state and state.get("enrolled") and url:
        return {"enrolled": True, "url": url, "path_title": path.title}
    return {"enrolled": False, "url": path.get_url(request), "path_title": path.title}


def activity_page_context(activity, request) -> dict:
    siblings = list(activity.get_siblings().live().order_by("path"))
    index = next((i for i, page in enumerate(siblings) if page.pk == activity.pk), None)
    previous_page = siblings[index - 1] if index else None
    next_page = siblings[index + 1] if index is not None and index + 1 < len(siblings) else None
    ancestors = breadcrumb(activity)
    # An activity's grandparent is its path (parent_page_types): found among the ancestors
    # already read, typed without a query.
    path_path = activity.path[: -2 * Page.steplen]
    path = next((page.specific_deferred for page in ancestors if page.path == path_path), None)
    return {
        "breadcrumb_pages": ancestors,
        "previous_activity": previous_page,
        "next_activity": next_page,
        "call_to_action": activity_call_to_action(activity, request, path),
    }


def paths_in_progress_by(user) -> list[Page]:
    """The paths `user` owns that are not published as they stand (never published, or with
    unpublished changes), last edited first, in two queries: each page's `current_workflow_state`
    (in review, changes requested, or None for a plain draft) is prefetched."""
    # Generic pages, not TrainingPathPage.objects: Wagtail prefetches the workflow states of a
    # non-specific queryset through their base content type (Page), which a queryset of the
    # specific model would not match.
    return list(
        Page.objects.type(TrainingPathPage)
        .filter(Q(live=False) | Q(has_unpublished_changes=True), owner=user)
        .prefetch_workflow_states()
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
    )
