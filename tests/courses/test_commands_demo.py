"""The demo catalogue: realistic, complete, and idempotent (needs the database)."""

import pytest

from courses.demo import create_catalogue, nearly_full_session
from courses.models import LessonPage, QuizPage, Theme, TrainingPathPage, TrainingSession

pytestmark = pytest.mark.django_db


def test_commands_demo_catalogue_is_complete_and_idempotent(trainer):
    """Ten published paths over the nine themes, quizzes, sessions; a second run adds nothing."""
    paths = create_catalogue({"trainer": trainer})
    assert len(paths) >= 8
    assert all(path.live for path in paths)
    assert set(TrainingPathPage.objects.values_list("theme__slug", flat=True)) == set(
        Theme.objects.values_list("slug", flat=True)
    )
    assert QuizPage.objects.live().count() >= 3
    assert all(len(lesson.body) >= 1 for lesson in LessonPage.objects.live())
    assert TrainingSession.objects.count() >= 3
    assert nearly_full_session().capacity <= 10
    assert {path.get_language_display() for path in paths} == {"Français", "Anglais"}
    bands = {path.estimated_duration_minutes < 120 for path in paths} | {
        path.estimated_duration_minutes > 480 for path in paths
    }
    assert bands == {True, False}

    counts = (
        TrainingPathPage.objects.count(),
        LessonPage.objects.count(),
        TrainingSession.objects.count(),
    )
    create_catalogue({"trainer": trainer})
    assert counts == (
        TrainingPathPage.objects.count(),
        LessonPage.objects.count(),
        TrainingSession.objects.count(),
    )
