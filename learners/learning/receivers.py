"""Keeps progress in step with the catalogue: when a path's published structure changes
(an activity published, unpublished or deleted), the stored progress of its enrolments is
recomputed in a task queued after the publication commits. Connected in
`LearnersConfig.ready()`; no query at signal time.
"""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from courses.models import (
    CoursePage,
    H5PActivityPage,
    LessonPage,
    QuizPage,
    ScormActivityPage,
    TrainingPathPage,
)
from learners.common.notifications import enqueue_on_commit
from learners.learning.jobs import refresh_progress_under

CATALOGUE_PAGES = (
    TrainingPathPage,
    CoursePage,
    LessonPage,
    QuizPage,
    ScormActivityPage,
    H5PActivityPage,
)


def on_structure_changed(sender, instance, **kwargs):
    enqueue_on_commit(refresh_progress_under, instance.path)


def connect() -> None:
    for model in CATALOGUE_PAGES:
        uid = f"learners_progress_{model.__name__}"
        page_published.connect(on_structure_changed, sender=model, dispatch_uid=f"{uid}_published")
        page_unpublished.connect(
            on_structure_changed, sender=model, dispatch_uid=f"{uid}_unpublished"
        )
        if model is not TrainingPathPage:  # deleting a path deletes its enrolments
            post_delete.connect(on_structure_changed, sender=model, dispatch_uid=f"{uid}_deleted")
