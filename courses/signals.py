"""Connects `courses` to Django's and Wagtail's signals (called once, in `CoursesConfig.ready`):

- `courses.publication_effects` to the publication, unpublication and deletion of the
  catalogue's pages;
- `courses.catalogue_version.bump` to every change of the published tree and of what published
  pages show.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses import catalogue_version, publication_effects
from courses.models import CoursePage, LessonPage, QuizPage, SkillTag, Theme, TrainingPathPage

CATALOGUE_PAGES = (TrainingPathPage, CoursePage, LessonPage, QuizPage)


def on_published(sender, instance, revision=None, **kwargs):
    cascading = publication_effects._cascading.get()
    if isinstance(instance, (TrainingPathPage, CoursePage)) and not cascading:
        # The signal does not say who published: the cascade is logged without a user.
        publication_effects.publish_new_descendants(instance)
    publication_effects.refresh_path_of(instance)


def on_unpublished(sender, instance, **kwargs):
    publication_effects.refresh_path_of(instance)


def on_deleted(sender, instance, **kwargs):
    publication_effects.refresh_path_of(instance)


def connect() -> None:
    connect_publication_effects()
    connect_catalogue_version()


def connect_publication_effects() -> None:
    for model in CATALOGUE_PAGES:
        page_published.connect(
            on_published, sender=model, dispatch_uid=f"courses_published_{model.__name__}"
        )
        page_unpublished.connect(
            on_unpublished, sender=model, dispatch_uid=f"courses_unpublished_{model.__name__}"
        )
    post_delete.connect(on_deleted, sender=CoursePage, dispatch_uid="courses_deleted_course")
    post_delete.connect(on_deleted, sender=LessonPage, dispatch_uid="courses_deleted_lesson")
    post_delete.connect(on_deleted, sender=QuizPage, dispatch_uid="courses_deleted_quiz")


def connect_catalogue_version() -> None:
    """Bump the catalogue's version on every change of the published tree."""
    bump = catalogue_version.bump
    page_published.connect(bump, dispatch_uid="courses_version_published")
    page_unpublished.connect(bump, dispatch_uid="courses_version_unpublished")
    post_page_move.connect(bump, dispatch_uid="courses_version_moved")
    # What published pages show or who may see them, edited outside a publication: snippets,
    # images (a path's cover), sites, view restrictions (the routes of `courses.routing`).
    edited_apart = (Theme, SkillTag, get_image_model(), Site, PageViewRestriction)
    # Per model: a receiver for every sender would slow every deletion in the campus down.
    for model in [*get_page_models(), *edited_apart]:
        uid = f"courses_version_{model._meta.label_lower}"
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}_deleted")
    for model in edited_apart:
        post_save.connect(bump, sender=model, dispatch_uid=f"courses_version_{model.__name__}")
