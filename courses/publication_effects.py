"""After publication: what happens when a catalogue page is published, unpublished or deleted
(connected to Wagtail's signals by `courses.signals`; what a page needs *before* it is
published is `courses.publication_checks`).

- A path's derived columns (activities' total duration, estimated duration, indexed text of its
  lessons) are recomputed, so the catalogue filters and searches plain columns.
- Publishing a path or a module also publishes its pages that have never been published: a
  trainer submits a whole new path for review once, and the reviewer's approval puts it
  online with its modules and activities. Pages already published keep their own review.
- Paths are indexed again when their theme or one of their skills is renamed or deleted (the
  search index holds those names with each path).
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.search import index
from wagtail.search.backends import get_search_backends

from courses.models import (
    CoursePage,
    H5PActivityPage,
    LessonPage,
    QuizPage,
    ScormActivityPage,
    TrainingPathPage,
)
from courses.models.outline import path_outline
from courses.publication_checks import PublicationBlocked

logger = logging.getLogger(__name__)

_cascading: ContextVar[bool] = ContextVar("courses_cascading_publication", default=False)


@contextmanager
def _cascade():
    token = _cascading.set(True)
    try:
        yield
    finally:
        _cascading.reset(token)


def path_of(page):
    """The training path a catalogue page belongs to (itself for a path), or None."""
    return TrainingPathPage.objects.ancestor_of(page, inclusive=True).first()


def search_text_for(path) -> str:
    """Text of the path's live modules, lessons, quizzes and SCORM/H5P activities (their
    package's title too), for full-text search."""
    body_field = LessonPage._meta.get_field("body")
    parts = []
    for module in CoursePage.objects.live().descendant_of(path).order_by("path"):
        parts += [module.title, module.summary]
    for lesson in LessonPage.objects.live().descendant_of(path).order_by("path"):
        parts.append(lesson.title)
        parts += body_field.get_searchable_content(lesson.body)
    for quiz in QuizPage.objects.live().descendant_of(path).order_by("path"):
        parts.append(quiz.title)
    for model in (ScormActivityPage, H5PActivityPage):
        for page in model.objects.live().descendant_of(path).select_related("package"):
            parts.append(page.title)
            if page.package is not None and page.package.title != page.title:
                parts.append(page.package.title)
    return "\n".join(part for part in parts if part)


def refresh_path(path_id: int) -> None:
    """Recompute the derived columns of a path and update its search index entry."""
    path = TrainingPathPage.objects.filter(pk=path_id).first()
    if path is None:
        return
    values = {
        "estimated_duration_minutes": path_outline(path).duration_minutes,
        "search_text": search_text_for(path),
    }
    TrainingPathPage.objects.filter(pk=path.pk).update(**values)
    for name, value in values.items():
        setattr(path, name, value)
    if path.live:
        index.insert_or_update_object(path)


def index_paths(path_ids) -> None:
    """Index these paths again: their theme or one of their skills was renamed or deleted, and
    the index holds the names of a path's theme and skills."""
    paths = list(
        TrainingPathPage.objects.filter(pk__in=list(path_ids))
        .select_related("theme")
        .prefetch_related("skills")
    )
    if paths:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(TrainingPathPage, paths)


def refresh_path_of(page) -> None:
    """Refresh the path `page` belongs to (immediately: tests and the demo read it back)."""
    if _cascading.get():
        return  # the page that started the cascade refreshes its path once, at the end
    path = path_of(page)
    if path is not None:
        refresh_path(path.pk)


def publish_new_descendants(page, user=None) -> None:
    """Publish the pages under `page` that were never published, parents first."""
    pending = (
        page.get_descendants()
        .filter(live=False, first_published_at__isnull=True)
        .order_by("path")
        .specific()
    )
    with _cascade():
        for child in pending:
            revision = child.get_latest_revision() or child.save_revision(user=user)
            try:
                revision.publish(user=user, skip_permission_checks=True)
            except PublicationBlocked as error:
                logger.warning("Page %s not published with its path: %s", child.pk, error.messages)
