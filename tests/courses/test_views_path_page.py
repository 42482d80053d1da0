"""The path page (outline, sessions, certification, call to action) and the activity pages."""

import re

import pytest
from django.urls import reverse

from courses import providers
from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    TrainingSessionFactory,
    multiple_choice,
    publish,
    single_choice,
)
from courses.models import Format, TrainingPathPage
from learners.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def path(module_db):
    """A published path: an e-learning module (lessons, optional lesson, quiz), a session module."""
    path = TrainingPathFactory(
        title="Piloter la donnée",
        certificate_validity_months=24,
    )
    online = CourseFactory(parent=path, title="Les bases")
    LessonFactory(parent=online, title="Lire un tableau de bord", duration_minutes=25)
    LessonFactory(parent=online, title="Pour aller plus loin", duration_minutes=15, required=False)
    QuizFactory(
        parent=online,
        title="Quiz de fin de module",
        questions=[
            single_choice(
                "Quelle source est fiable ?",
                ["Le rapport officiel", "La rumeur"],
                0,
                "EXPLICATION-SECRETE",
            ),
            multiple_choice("Lesquels sont des formats ouverts ?", ["CSV", "ODS", "XLSM"], {0, 1}),
        ],
    )
    workshop = CourseFactory(
        parent=path, title="Atelier", format=Format.IN_PERSON, session_duration_minutes=180
    )
    TrainingSessionFactory(course=workshop, capacity=8, location="Paris, salle Condorcet")
    publish(path)
    return TrainingPathPage.objects.get(pk=path.pk)


@pytest.fixture
def seats_provider():
    """Pretend `learners` counts 7 confirmed registrations on every session."""
    providers.register_seats_taken(lambda ids: dict.fromkeys(ids, 7))
    yield
    providers.register_seats_taken(None)


def text_of(response) -> str:
    """The page's HTML with whitespace collapsed, as a reader would see it run together."""
    return re.sub(r"\s+", " ", response.content.decode())


def test_views_path_page_shows_outline_with_durations(client, path):
    """Objectives, prerequisites and the outline: modules → activities with durations."""
    html = text_of(client.get(path.url))
    assert "Objectifs pédagogiques" in html and "Public visé" in html and "Prérequis" in html
    assert "Les bases" in html and "Lire un tableau de bord" in html and "(25 min)" in html
    assert "Facultatif" in html
    assert "Session : Atelier" in html and "(3 h)" in html
    assert "3 h 50" in html  # 25 + 15 + 10 + 180 minutes


def test_views_path_page_outline_selector(path, django_assert_num_queries):
    """The outline #4 builds on: modules in order, activities with kind, duration, required."""
    with django_assert_num_queries(4):  # modules, lessons, quizzes, SCORM and H5P activities
        outline = path.get_outline()
    assert [m.title for m in outline.modules] == ["Les bases", "Atelier"]
    kinds = [(a.kind, a.title, a.duration_minutes, a.required) for a in outline.activities]
    assert kinds == [
        ("lesson", "Lire un tableau de bord", 25, True),
        ("lesson", "Pour aller plus loin", 15, False),
        ("quiz", "Quiz de fin de module", 10, True),
        ("session", "Atelier", 180, True),
    ]
    assert outline.activities[-1].id == outline.modules[1].id
    assert len(outline.required_activity_ids) == 3
    assert path.estimated_duration_minutes == 230


def test_views_path_page_sessions_with_seats_left(client, path, seats_provider):
    """Upcoming sessions show the seats left from the registrations provider."""
    html = client.get(path.url).content.decode()
    assert "Paris, salle Condorcet" in html
    assert "1 place sur 8" in html
    assert "Presque complet" in html


def test_views_path_page_full_session(client, path):
    """A session without seats left says so."""
    providers.register_seats_taken(lambda ids: dict.fromkeys(ids, 8))
    try:
        html = client.get(path.url).content.decode()
    finally:
        providers.register_seats_taken(None)
    assert "Complet" in html


def test_views_path_page_certification_rule(client, path):
    """The certification rule is stated."""
    html = client.get(path.url).content.decode()
    assert "toutes les activités obligatoires sont terminées" in html
    assert "chaque quiz obligatoire est réussi, à partir de 70 % de bonnes réponses" in html
    assert "valable 24 mois" in html


def test_views_path_page_enrol_leads_anonymous_to_login(client, path):
    """ "S'inscrire" takes an anonymous visitor to the login, back to the path afterwards."""
    html = client.get(path.url).content.decode()
    assert f'href="{reverse("account_login")}?next={path.url}"' in html
    assert "S’inscrire" in html


def test_views_path_page_learner_state_hook(client, path):
    """`learners` fills the agent's state; completed activities are marked in the outline."""
    lesson_id = path.get_outline().activities[0].id
    providers.register_learner_state(
        lambda request, page: {
            "enrolled": True,
            "progress_percent": 40,
            "completed_activity_ids": {lesson_id},
        }
    )
    client.force_login(UserFactory())
    try:
        html = client.get(path.url).content.decode()
    finally:
        providers.register_learner_state(None)
    assert "40 % réalisé" in html
    assert "Terminé" in html


def test_views_quiz_page_hides_answers(client, path):
    """Questions and choices are shown; which ones are correct, and explanations, are not."""
    quiz = path.get_outline().activities[2]
    response = client.get(quiz.url)
    html = response.content.decode()
    assert "Quelle source est fiable ?" in html and "La rumeur" in html
    assert "is_correct" not in html and "EXPLICATION-SECRETE" not in html
    assert "correct" not in html.lower().replace("correctement", "")
    for question in response.context["questions"]:
        assert not hasattr(question, "is_correct")
        for choice in question.choices:
            assert set(vars(choice)) == {"id", "text"}


def test_views_lesson_and_module_pages_render(client, path):
    """Lessons and modules render read-only with their breadcrumb."""
    outline = path.get_outline()
    lesson = client.get(outline.activities[0].url).content.decode()
    assert "Lire un tableau de bord" in lesson and "fr-breadcrumb" in lesson
    assert "Suivant : Pour aller plus loin" in lesson
    module = client.get(outline.modules[1].url).content.decode()
    assert "Chaque session dure 3 h." in module and "Paris, salle Condorcet" in module
