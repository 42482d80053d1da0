"""Reads that span models: activities and their path, progress, dashboards, session seats.

Every function answers in a constant number of queries, whatever the number of enrolments,
activities or sessions (asserted in tests/learners/test_queries_budget.py).
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Max
from django.urls import reverse
from wagtail.models import Page

from courses import catalogue_version
from courses.models import (
    CoursePage,
    H5PActivityPage,
    LessonPage,
    QuizPage,
    ScormActivityPage,
    TrainingPathPage,
)
from courses.selectors import Outline, OutlineActivity, OutlineModule, live_prerequisites
from learners.common.exceptions import NotFound
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt


def percent(done: int, total: int) -> int:
    """Whole percentage, rounded down: 100 only when everything is done."""
    if total <= 0:
        return 0
    return min(100, done * 100 // total)


@dataclass(frozen=True)
class ActivityInPath:
    """An activity page (lesson, quiz, or the module of a session activity) and its path."""

    page: Page
    path: TrainingPathPage
    kind: str  # "lesson", "quiz", "scorm", "h5p" or "session"


def path_of(page) -> TrainingPathPage | None:
    """The path a module or activity belongs to (one query, then cached until the next
    publication: `courses.catalogue_version`)."""
    return catalogue_version.cached(
        f"learners:path-of:{page.pk}",
        lambda: TrainingPathPage.objects.ancestor_of(page, inclusive=True).first(),
        local=True,
    )


def resolve_activity(activity_id: int) -> ActivityInPath:
    """The live activity with this page id, in a live path; `NotFound` otherwise (3 queries,
    then cached until the next publication: `courses.catalogue_version`)."""
    return catalogue_version.cached(
        f"learners:activity:{activity_id}", lambda: _resolve_activity(activity_id), local=True
    )


def _resolve_activity(activity_id: int) -> ActivityInPath:
    page = Page.objects.filter(pk=activity_id, live=True).specific().first()
    if isinstance(page, (LessonPage, QuizPage, ScormActivityPage, H5PActivityPage)):
        kind = page.activity_kind
    elif isinstance(page, CoursePage) and page.has_sessions:
        kind = "session"
    else:
        raise NotFound()
    path = path_of(page)
    if path is None or not path.live:
        raise NotFound()
    return ActivityInPath(page=page, path=path, kind=kind)


def outline_entry(outline: Outline, activity_id: int) -> OutlineActivity | None:
    return next((a for a in outline.activities if a.id == activity_id), None)


def learning_url(activity_id: int) -> str:
    return reverse("learning_activity", args=[activity_id])


def completed_activity_ids(user, path) -> set[int]:
    return set(
        ActivityCompletion.objects.filter(user=user, path=path).values_list(
            "activity_id", flat=True
        )
    )


@dataclass
class ModuleProgress:
    module: OutlineModule
    required: int
    done: int

    @property
    def percent(self) -> int:
        return percent(self.done, self.required)


@dataclass
class PathProgress:
    """Progress of an agent in a path's currently published structure."""

    outline: Outline
    completed_ids: set[int]
    modules: list[ModuleProgress] = field(default_factory=list)

    def __post_init__(self):
        self.modules = [
            ModuleProgress(
                module=module,
                required=sum(1 for a in module.activities if a.required),
                done=sum(1 for a in module.activities if a.required and a.id in self.completed_ids),
            )
            for module in self.outline.modules
        ]

    @property
    def required(self) -> int:
        return len(self.outline.required_activity_ids)

    @property
    def done(self) -> int:
        return len(self.outline.required_activity_ids & self.completed_ids)

    @property
    def percent(self) -> int:
        return percent(self.done, self.required)

    def first_not_completed(self) -> OutlineActivity | None:
        """Where to resume: the first required activity not completed, else the first one not
        completed, else the first activity."""
        activities = self.outline.activities
        for candidates in (
            [a for a in activities if a.required],
            activities,
        ):
            for activity in candidates:
                if activity.id not in self.completed_ids:
                    return activity
        return activities[0] if activities else None


def current_cycle_attempts(enrolment):
    """The agent's quiz attempts in the enrolment's current certification cycle (a QuerySet).

    Renewing a certificate (`services.renew_certification`) starts a new cycle of the same
    enrolment at `Enrolment.cycle_started_at`. Attempts submitted before it belong to earlier
    cycles (retakes after a completion included): they stay stored (history, personal-data
    export) but count no more for the attempts limit, the best score or the certification
    rule, which uses the same boundary (`services.certificates._cycle_start`).
    """
    attempts = QuizAttempt.objects.filter(user_id=enrolment.user_id)
    if enrolment.cycle_started_at is not None:
        attempts = attempts.filter(submitted_at__gte=enrolment.cycle_started_at)
    return attempts


def best_scores(user, quiz_ids, *, enrolment=None) -> dict[int, int]:
    """{quiz id: best score} of `user` over these quizzes (one query); with `enrolment`, in
    its current certification cycle only (`current_cycle_attempts`)."""
    attempts = (
        current_cycle_attempts(enrolment)
        if enrolment is not None
        else QuizAttempt.objects.filter(user=user)
    )
    rows = (
        attempts.filter(quiz_id__in=list(quiz_ids))
        .order_by()
        .values("quiz_id")
        .annotate(best=Max("score"))
    )
    return {row["quiz_id"]: row["best"] for row in rows}


def missing_prerequisites(user, path) -> list[TrainingPathPage]:
    """Live prerequisite paths of `path` that `user` has not completed (one query)."""
    completed = Enrolment.objects.filter(user=user, status=Enrolment.Status.COMPLETED).values(
        "path_id"
    )
    # Read from the database (the parental relation may hold unsaved, in-memory values).
    prerequisites = TrainingPathPage.objects.filter(required_by=path.pk, live=True)
    return list(prerequisites.exclude(pk__in=completed).order_by("title"))


def path_state_for(request, path) -> dict:
    """The signed-in agent's state on a path page (courses' `learner_state` hook, 1–2 queries:
    the enrolment, then what was completed, or, for a path with prerequisites, which of them the
    agent has not completed)."""
    user = request.user
    enrolment = Enrolment.objects.filter(user=user, path=path).first()
    state = {
        "enrolled": bool(enrolment and enrolment.is_active),
        "enrolment": enrolment,
        "progress_percent": enrolment.progress_percent if enrolment else 0,
        "completed_activity_ids": frozenset(),
        "template": "learners/learning/includes/path_state.html",
        "resume_url": None,
        "abandon_url": reverse("abandon_path", args=[path.pk]),
        "missing_prerequisites": [],
        # Certificates are issued in the agent's name: one without names is asked for them.
        "name_needed": bool(enrolment and enrolment.is_completed and not user.has_name),
    }
    if enrolment is not None:
        # Kept after abandoning: the outline still shows what was done.
        state["completed_activity_ids"] = frozenset(completed_activity_ids(user, path))
    if state["enrolled"]:
        state["resume_url"] = reverse("resume_path", args=[path.pk])
        state["resume_label"] = enrolment.resume_label
    elif getattr(request, "is_preview", False) or live_prerequisites(path):
        # Whether the path has prerequisites is cached until the next publication.
        state["missing_prerequisites"] = missing_prerequisites(user, path)
    return state


@dataclass
class Dashboard:
    """What "Mon espace" shows. `upcoming_registrations`, `certificates` and `assignments` are
    filled by the sessions, certification and team capabilities through `dashboard_sections`."""

    ongoing: list[Enrolment]
    completed: list[Enrolment]
    upcoming_registrations: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    assignments: list = field(default_factory=list)

    @property
    def completed_minutes(self) -> int:
        return sum(e.completed_minutes for e in [*self.ongoing, *self.completed])

    @property
    def is_empty(self) -> bool:
        return not (
            self.ongoing
            or self.completed
            or self.upcoming_registrations
            or self.certificates
            or self.assignments
        )


# Functions `(user, dashboard) -> None` that fill more sections (certificates, assignments);
# each must run a constant number of queries.
dashboard_sections: list = []

# Functions `(enrolment) -> str | None` adding a sentence (safe HTML) to the congratulation
# shown when an action completes the path (the certification capability says where the
# certificate is, or why there is none yet).
completion_notes: list = []


class PathCard(NamedTuple):
    """What Mon espace shows of a path: its title and, when it is live, its page's URL."""

    title: str
    url: str | None


def path_cards() -> dict[int, tuple[str, str | None]]:
    """{path id: (title, URL when live)} of every path (one query, then cached until the next
    publication: `courses.catalogue_version`; plain tuples, quick to unpickle). Mon espace reads
    the titles and URLs of the agent's paths here rather than loading each path page (its rich
    text and search text) on every view."""
    return catalogue_version.cached("learners:path-cards", _path_cards, local=True)


def path_card(cards: dict, path_id) -> PathCard:
    return PathCard(*cards.get(path_id, ("", None)))


def _path_cards() -> dict[int, tuple[str, str | None]]:
    cards = {}
    columns = ("pk", "title", "live", "url_path")
    for pk, title, live, url_path in TrainingPathPage.objects.values_list(*columns):
        # The page's URL without loading the page: Wagtail's own, from its url_path.
        url = Page(pk=pk, url_path=url_path, live=True).get_url() if live else None
        cards[pk] = (title, url)
    return cards


def dashboard_for(user) -> Dashboard:
    """The agent's enrolments, upcoming sessions and more, in a constant number of queries."""
    enrolments = list(
        Enrolment.objects.for_user(user).active().order_by("-last_activity_at", "-enrolled_at")
    )
    cards = path_cards()
    for enrolment in enrolments:
        enrolment.path_card = path_card(cards, enrolment.path_id)
    dashboard = Dashboard(
        ongoing=[e for e in enrolments if not e.is_completed],
        completed=sorted(
            (e for e in enrolments if e.is_completed), key=lambda e: e.completed_at, reverse=True
        ),
    )
    for fill in dashboard_sections:
        fill(user, dashboard)
    return dashboard


# Functions `(user, outline) -> set of activity ids` naming the activities the agent has started
# in other capabilities (a session module with a current registration); one query each at most.
in_progress_sources: list = []


def outline_states(
    user,
    path,
    outline: Outline,
    completed_ids: set[int],
    last_activity_id=None,
    *,
    enrolment=None,
):
    """{activity id: "termine" | "en_cours" | "a_faire"} for the outline (two queries).

    In progress: a quiz attempted but not passed yet (with `enrolment`, attempted in its
    current certification cycle), a session activity with a current registration, the lesson
    the agent opened last.
    """
    quiz_ids = [a.id for a in outline.activities if a.kind == "quiz"]
    attempts = (
        current_cycle_attempts(enrolment)
        if enrolment is not None
        else QuizAttempt.objects.filter(user=user)
    )
    attempted = (
        set(
            attempts.filter(quiz_id__in=quiz_ids)
            .order_by()  # not by the model's -submitted_at: one row per quiz
            .values_list("quiz_id", flat=True)
            .distinct()
        )
        if quiz_ids
        else set()
    )
    started = set()
    for source in in_progress_sources:
        started |= source(user, outline)
    states = {}
    for activity in outline.activities:
        if activity.id in completed_ids:
            states[activity.id] = "termine"
        elif activity.id in attempted or activity.id in started or activity.id == last_activity_id:
            states[activity.id] = "en_cours"
        else:
            states[activity.id] = "a_faire"
    return states
