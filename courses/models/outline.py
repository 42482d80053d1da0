"""A path's outline: its modules in order, each with its activities in order (lessons, quizzes,
and the module itself as a session activity when it is delivered in sessions).

What enrolment, progress and certification (in `learners`) count, what the path page lists,
and what a path's derived columns are computed from (`courses.publication_effects`).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page

from courses import catalogue_version
from courses.models.activities import LessonPage
from courses.models.modules import CoursePage
from courses.models.packages import H5PActivityPage, ScormActivityPage
from courses.models.quizzes import QuizPage


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
    kind: str  # "lesson", "quiz", "scorm", "h5p" or "session"
    module_id: int
    live: bool = True
    # A quiz's, or a package's when it has one: the score (%) that passes it.
    pass_mark: int | None = None


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
    def pass_marks(self) -> list[int]:
        """The distinct pass marks of the required scored activities (quizzes, and SCORM or H5P
        packages with a pass mark), in increasing order."""
        return sorted(
            {a.pass_mark for a in self.activities if a.required and a.pass_mark is not None}
        )

    @property
    def session_module_ids(self) -> list[int]:
        return [a.module_id for a in self.activities if a.kind == "session"]


def path_outline(path, *, include_drafts: bool = False, request=None) -> Outline:
    """The outline of `path` in four queries: modules, lessons, quizzes, SCORM and H5P.

    Only live pages by default (what agents see and complete); with `include_drafts`, every
    page, as a reviewer previews a path before its first publication. The live outline is
    cached until the next publication (`courses.catalogue_version`; one cache round trip), its
    URLs computed without the request (relative on a single site, as with it).
    """
    if include_drafts:
        return _build_outline(path, include_drafts=True, request=request)
    return catalogue_version.cached(
        f"courses:outline:v3:{path.pk}",  # v3: SCORM and H5P activities
        lambda: _build_outline(path, include_drafts=False),
        local=True,
    )


def _package_content_types() -> list:
    return list(ContentType.objects.get_for_models(ScormActivityPage, H5PActivityPage).values())


def _specific_package_page(page):
    """The ScormActivityPage or H5PActivityPage joined to `page` (no query); None while the
    page is being deleted (its own row already gone, signals reading the outline)."""
    for name in ("scormactivitypage", "h5pactivitypage"):
        try:
            return getattr(page, name)
        except ObjectDoesNotExist:
            continue
    return None


def _build_outline(path, *, include_drafts: bool, request=None) -> Outline:
    modules = CoursePage.objects.child_of(path).order_by("path")
    lessons = LessonPage.objects.descendant_of(path).defer_streamfields().order_by("path")
    quizzes = QuizPage.objects.descendant_of(path).order_by("path")
    # SCORM and H5P activities in one query: their tables joined to the pages'.
    packaged = (
        Page.objects.descendant_of(path)
        .filter(content_type__in=_package_content_types())
        .select_related("scormactivitypage", "h5pactivitypage")
        .order_by("path")
    )
    if not include_drafts:
        modules, lessons, quizzes = modules.live(), lessons.live(), quizzes.live()
        packaged = packaged.live()
    packaged = [page for page in map(_specific_package_page, packaged) if page is not None]

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
    activities = sorted(
        [*lessons, *quizzes, *packaged],
        key=lambda page: page.path,
    )
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
                pass_mark=getattr(page, "pass_mark", None),
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
