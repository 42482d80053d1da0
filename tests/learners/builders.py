"""Small training paths for the learning tests, built with the catalogue's factories."""

import datetime

from django.utils import timezone

from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    TrainingSessionFactory,
    multiple_choice,
    publish,
    single_choice,
    true_false,
)
from courses.models import Format


def three_kinds_quiz_questions():
    """A single choice, a multiple choice and a true/false question."""
    return [
        single_choice(
            "Combien de critères compte le RGAA 4.1 ?",
            ["57", "106", "250"],
            1,
            "Le RGAA 4.1 compte 106 critères.",
        ),
        multiple_choice(
            "Quelles obligations s’imposent ?",
            ["Déclaration", "Conformité", "Version payante"],
            {0, 1},
            "La déclaration et la conformité sont obligatoires.",
        ),
        true_false(
            "Une image décorative a une alternative vide.",
            True,
            "Une alternative vide fait ignorer l’image par les lecteurs d’écran.",
        ),
    ]


def learning_path(
    *,
    title: str | None = None,
    lessons: int = 2,
    quiz: bool = True,
    optional_lesson: bool = False,
    session_module: bool = False,
    attendance_required: bool = True,
    attempts_allowed: int = 0,
    pass_mark: int = 70,
    capacity: int = 10,
    trainer=None,
    published: bool = True,
):
    """A path: module 1 with `lessons` lessons (+ an optional one) and a three-question quiz;
    with `session_module`, a second, in-person module with one upcoming session."""
    fields = {"title": title} if title else {}
    path = TrainingPathFactory(**fields)
    module = CourseFactory(parent=path, title="Les bases")
    for number in range(1, lessons + 1):
        LessonFactory(parent=module, title=f"Leçon {number}", duration_minutes=20)
    if optional_lesson:
        LessonFactory(
            parent=module, title="Pour aller plus loin", duration_minutes=15, required=False
        )
    if quiz:
        QuizFactory(
            parent=module,
            title="Quiz des bases",
            duration_minutes=10,
            pass_mark=pass_mark,
            attempts_allowed=attempts_allowed,
            questions=three_kinds_quiz_questions(),
        )
    if session_module:
        workshop = CourseFactory(
            parent=path,
            title="Atelier",
            format=Format.IN_PERSON,
            session_duration_minutes=180,
            attendance_required=attendance_required,
        )
        TrainingSessionFactory(course=workshop, capacity=capacity, trainer=trainer)
    if published:
        publish(path)
    return path


def session_of(path):
    """The path's first upcoming session."""
    from courses.models import TrainingSession

    sessions = TrainingSession.objects.filter(
        course__path__startswith=path.path, start__gt=timezone.now()
    )
    return sessions.order_by("start").first()


def past_session(course, **fields):
    """A session that took place yesterday (attendance can be marked)."""
    start = timezone.now() - datetime.timedelta(days=1)
    return TrainingSessionFactory(
        course=course, start=start, end=start + datetime.timedelta(hours=3), **fields
    )


def activities(path):
    """{title: outline activity} of the path's published structure."""
    return {activity.title: activity for activity in path.get_outline().activities}


def quiz_answers(quiz, *, right: bool = True) -> dict[int, list[int]]:
    """Answers to every question of `quiz`: all right, or all wrong."""
    answers = {}
    for question in quiz.questions.all():
        choices = list(question.choices.all())
        correct = [c.pk for c in choices if c.is_correct]
        wrong = [c.pk for c in choices if not c.is_correct][:1]
        answers[question.pk] = correct if right else wrong
    return answers
