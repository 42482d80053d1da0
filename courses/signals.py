"""Connects `courses.publishing` to Wagtail's publication signals."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from courses import publishing
from courses.models import CoursePage, LessonPage, QuizPage, TrainingPathPage

CATALOGUE_PAGES = (TrainingPathPage, CoursePage, LessonPage, QuizPage)


def on_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, (TrainingPathPage, CoursePage)) and not publishing._cascading.get():
        # The signal does not say who published: the cascade is logged without a user.
        publishing.publish_new_descendants(instance)
    publishing.refresh_path_of(instance)


def on_unpublished(sender, instance, **kwargs):
    publishing.refresh_path_of(instance)


for model in CATALOGUE_PAGES:
    page_published.connect(
        on_published, sender=model, dispatch_uid=f"courses_published_{model.__name__}"
    )
    page_unpublished.connect(
        on_unpublished, sender=model, dispatch_uid=f"courses_unpublished_{model.__name__}"
    )


@receiver(post_delete, sender=CoursePage, dispatch_uid="courses_deleted_course")
@receiver(post_delete, sender=LessonPage, dispatch_uid="courses_deleted_lesson")
@receiver(post_delete, sender=QuizPage, dispatch_uid="courses_deleted_quiz")
def on_deleted(sender, instance, **kwargs):
    publishing.refresh_path_of(instance)
