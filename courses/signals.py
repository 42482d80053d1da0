"""Connects `courses` to Django's and Wagtail's signals (called once, in `CoursesConfig.ready`):

- `courses.publication_effects` to the publication, unpublication and deletion of the
  catalogue's pages;
- `courses.catalogue_version.bump` to every change of the published tree and of what published
  pages show;
- the search index to the renaming of themes and skills (indexed with their paths) and to the
  migration that changed how it is built (`rebuild_search_index`).
"""

from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses import catalogue_version, publication_effects
from courses.models import (
    CoursePage,
    H5PActivityPage,
    LessonPage,
    QuizPage,
    ScormActivityPage,
    SkillTag,
    Theme,
    TrainingPathPage,
)

ACTIVITY_PAGES = (LessonPage, QuizPage, ScormActivityPage, H5PActivityPage)
CATALOGUE_PAGES = (TrainingPathPage, CoursePage, *ACTIVITY_PAGES)


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


def on_theme_saved(sender, instance, created=False, raw=False, **kwargs):
    if not (created or raw):
        publication_effects.index_paths(instance.paths.values_list("pk", flat=True))


def on_skill_saved(sender, instance, created=False, raw=False, **kwargs):
    if not (created or raw):
        paths = TrainingPathPage.objects.filter(tagged_skills__tag=instance)
        publication_effects.index_paths(paths.values_list("pk", flat=True))


def on_skill_deleted(sender, instance, **kwargs):
    """Before a skill is deleted: its paths are indexed again once it is gone."""
    path_ids = list(
        TrainingPathPage.objects.filter(tagged_skills__tag=instance).values_list("pk", flat=True)
    )
    if path_ids:
        transaction.on_commit(lambda: publication_effects.index_paths(path_ids), robust=True)


# The migrations after which the search index is built otherwise: themes, skills, accents
# (0009); each word of the lessons once (0011, the latest).
SEARCH_INDEX_MIGRATIONS = {
    ("courses", "0009_search_ignores_accents"),
    ("courses", "0011_search_distinct_words"),
}
SEARCH_INDEX_MIGRATION = ("courses", "0011_search_distinct_words")


def rebuild_search_index(sender, plan=None, using=DEFAULT_DB_ALIAS, verbosity=1, **kwargs):
    """After a `migrate` that applied one of `SEARCH_INDEX_MIGRATIONS` to a database with an index,
    rebuild the index (`update_index`). Here rather than in the migration: once every migration
    of the run is applied, the models the index reads match the tables."""
    applied = {(migration.app_label, migration.name) for migration, back in plan or () if not back}
    if not applied & SEARCH_INDEX_MIGRATIONS:
        return
    index_entries = apps.get_model("wagtailsearch", "IndexEntry").objects.using(using)
    if not index_entries.exists():
        return  # a new database: pages are indexed as they are published
    if verbosity:
        print("  Rebuilding the search index (courses/0009, 0011)…")
    call_command("update_index", verbosity=0)
    catalogue_version.bump()  # searches cached before the rebuild


def connect() -> None:
    connect_publication_effects()
    connect_catalogue_version()
    connect_search_index()


def connect_search_index() -> None:
    post_save.connect(on_theme_saved, sender=Theme, dispatch_uid="courses_index_theme")
    post_save.connect(on_skill_saved, sender=SkillTag, dispatch_uid="courses_index_skill")
    pre_delete.connect(on_skill_deleted, sender=SkillTag, dispatch_uid="courses_index_skill_del")
    post_migrate.connect(
        rebuild_search_index,
        sender=apps.get_app_config("courses"),
        dispatch_uid="courses_rebuild_search_index",
    )


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
    for model in (ScormActivityPage, H5PActivityPage):
        post_delete.connect(
            on_deleted, sender=model, dispatch_uid=f"courses_deleted_{model.__name__}"
        )


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
