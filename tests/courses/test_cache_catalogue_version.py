"""Caches of published content (`courses.catalogue_version`): what they keep, and that a
publication retires it.

Inside a test's transaction these caches are off (nothing uncommitted is ever cached); the
`caching` fixture turns them on, as they are outside a transaction in production.
"""

import pytest
from django.db import transaction
from django.http import QueryDict

from courses import catalogue_version
from courses.catalogue import search_catalogue
from courses.factories import CourseFactory, LessonFactory, build_path, catalogue, publish
from courses.selectors import path_outline

pytestmark = pytest.mark.django_db


def test_cache_catalogue_version_off_in_transactions():
    """Nothing is cached while a transaction is open: it could see uncommitted content."""
    with transaction.atomic():
        assert not catalogue_version.is_enabled()


def test_cache_catalogue_version_outline_kept_until_publication(caching, django_assert_num_queries):
    """A path's outline costs no query once cached; publishing an activity shows it."""
    path = build_path(modules=1, lessons=2)
    assert len(path_outline(path).activities) == 2
    with django_assert_num_queries(0):
        assert len(path_outline(path).activities) == 2
    module = CourseFactory(parent=path)
    LessonFactory(parent=module, title="Leçon ajoutée")
    publish(module)
    assert [a.title for a in path_outline(path).activities][-1] == "Leçon ajoutée"


def test_cache_catalogue_version_search_follows_publication(caching):
    """A search cached before a publication finds the new path after it."""
    params = QueryDict("q=cartographie")
    assert search_catalogue(catalogue(), params).count == 0
    build_path(title="Cartographie des données publiques")
    assert search_catalogue(catalogue(), params).count == 1


def test_cache_catalogue_version_drafts_never_cached(caching):
    """The preview of drafts (reviewers) is computed afresh every time."""
    path = build_path(modules=1, lessons=1)
    module = CourseFactory(parent=path)
    LessonFactory(parent=module, title="Brouillon")
    assert len(path_outline(path, include_drafts=True).activities) == 2
    assert len(path_outline(path).activities) == 1
