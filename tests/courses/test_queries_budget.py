"""Query budgets: the catalogue and the path page cost the same whatever their size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    TrainingSessionFactory,
    catalogue,
    publish,
)
from courses.models import Format, Theme, TrainingPathPage

pytestmark = pytest.mark.django_db


def add_live_paths(count: int, image, themes) -> None:
    """Live paths with a theme, a cover image and a session to come (no revisions: fast)."""
    parent = catalogue()
    for number in range(count):
        parent.refresh_from_db()
        path = TrainingPathPage(
            title=f"Parcours numéro {number}",
            summary="Un parcours de la mesure des requêtes.",
            objectives="<p>Mesurer.</p>",
            level="decouverte",
            theme=themes[number % len(themes)],
            cover_image=image,
            cover_alt_text="Illustration",
            estimated_duration_minutes=60,
            live=True,
        )
        parent.add_child(instance=path)
        if number % 3 == 0:
            module = CourseFactory(parent=path, live=True, format=Format.IN_PERSON)
            TrainingSessionFactory(course=module)


def count_queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


CATALOGUE_QUERIES = [{}, {"q": "parcours"}, {"theme": "data", "duration": "court", "page": "2"}]


def test_queries_budget_catalogue_is_constant(client, django_assert_num_queries):
    """The catalogue with 200 published paths costs as many queries as with 5 (all, q, filters)."""
    image = get_image_model().objects.create(title="Couverture", file=get_test_image_file())
    themes = list(Theme.objects.all())
    add_live_paths(5, image, themes)
    client.get("/catalogue/")  # warm-up: renditions and site root paths are cached
    budgets = [count_queries(client, "/catalogue/", **params) for params in CATALOGUE_QUERIES]
    add_live_paths(195, image, themes)
    for params, budget in zip(CATALOGUE_QUERIES, budgets, strict=True):
        with django_assert_num_queries(budget):
            response = client.get("/catalogue/", params)
        assert response.context["results"].paths
        print(f"catalogue {params or 'all'}: {budget} queries with 5 and with 200 paths")


def build_path(title: str, lessons_per_module: list[int]) -> TrainingPathPage:
    """A path with e-learning modules (n lessons and a quiz each) and a session module."""
    path = TrainingPathFactory(title=title)
    for count in lessons_per_module:
        module = CourseFactory(parent=path)
        for _ in range(count):
            LessonFactory(parent=module)
        QuizFactory(parent=module)
    workshop = CourseFactory(parent=path, format=Format.IN_PERSON, session_duration_minutes=120)
    TrainingSessionFactory(course=workshop)
    TrainingSessionFactory(course=workshop)
    return publish(path)


def test_queries_budget_path_page_is_constant(client, django_assert_num_queries):
    """A path page with 30 activities costs as many queries as with 3."""
    small = build_path("Petit parcours", [1])
    large = build_path("Grand parcours", [14, 13])
    assert len(small.get_outline().activities) == 3
    assert len(large.get_outline().activities) == 30
    client.get(small.url)  # warm-up
    budget = count_queries(client, small.url)
    with django_assert_num_queries(budget):
        client.get(large.url)
    print(f"path page: {budget} queries with 3 and with 30 activities")
