"""Publication rules and field checks, with the messages a trainer reads."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset

from courses.blocks import FigureBlock, VideoBlock
from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    TrainingSessionFactory,
    publish,
    question,
    single_choice,
)
from courses.models import Format, QuestionKind, QuizPage, TrainingPathPage
from courses.publication_checks import PublicationBlocked
from tests.courses.admin_forms import create_page, edit_page, form_errors, nested_form_data

pytestmark = pytest.mark.django_db

NO_MODULE = "doit contenir au moins un module avec une activité obligatoire"


def test_validation_path_without_module_cannot_be_submitted(client, trainer):
    """Submitting a path with no module shows why, and keeps the draft."""
    path = TrainingPathFactory(title="Parcours vide", owner=trainer)
    client.force_login(trainer)
    response = edit_page(client, path, {"summary": "Brouillon modifié"}, action="action-submit")
    assert response.status_code == 200
    assert NO_MODULE in form_errors(response)
    path.refresh_from_db()
    assert path.current_workflow_state is None


def test_validation_path_draft_can_be_saved_incomplete(client, trainer):
    """Saving a draft needs no module."""
    path = TrainingPathFactory(title="Parcours en cours", owner=trainer)
    client.force_login(trainer)
    response = edit_page(client, path, {"summary": "Encore un brouillon"})
    assert response.status_code == 302


def test_validation_path_with_only_optional_activities_cannot_be_published(client, reviewer):
    """Optional lessons do not make a path complete."""
    path = TrainingPathFactory(title="Que du facultatif")
    LessonFactory(parent=CourseFactory(parent=path), required=False)
    client.force_login(reviewer)
    response = edit_page(client, path, action="action-publish")
    assert response.status_code == 200
    assert NO_MODULE in form_errors(response)
    assert not TrainingPathPage.objects.get(pk=path.pk).live


def test_validation_path_with_a_session_module_can_be_published(reviewer):
    """A module in présentiel with required attendance is a required activity."""
    path = TrainingPathFactory(title="Journée en présentiel", format=Format.IN_PERSON)
    CourseFactory(parent=path, format=Format.IN_PERSON, session_duration_minutes=360)
    publish(path, user=reviewer)
    assert path.live
    assert path.estimated_duration_minutes == 360


def test_validation_path_publish_guard_blocks_other_routes():
    """Publishing a revision outside the editor (dashboard, scripts) is blocked too."""
    path = TrainingPathFactory(title="Sans module")
    with pytest.raises(PublicationBlocked) as error:
        path.save_revision().publish()
    assert NO_MODULE in error.value.messages[0]
    assert not TrainingPathPage.objects.get(pk=path.pk).live


def test_validation_path_blocked_by_an_invalid_new_quiz(reviewer):
    """A path is not published while one of its new quizzes has no question."""
    path = TrainingPathFactory(title="Quiz vide dedans")
    module = CourseFactory(parent=path)
    LessonFactory(parent=module)
    QuizFactory(parent=module, title="Quiz vide", questions=[])
    with pytest.raises(PublicationBlocked) as error:
        publish(path, user=reviewer)
    assert "Le quiz « Quiz vide » n’a aucune question." in error.value.messages


def test_validation_quiz_without_questions_cannot_be_published(client, reviewer):
    """The editor refuses to publish a quiz without questions, with a clear message."""
    path = TrainingPathFactory()
    module = CourseFactory(parent=path)
    LessonFactory(parent=module)
    publish(path)
    quiz = QuizFactory(parent=module, title="Quiz à compléter", questions=[])
    client.force_login(reviewer)
    response = edit_page(client, quiz, action="action-publish")
    assert response.status_code == 200
    assert "Le quiz « Quiz à compléter » n’a aucune question." in form_errors(response)
    with pytest.raises(PublicationBlocked):
        quiz.save_revision().publish()


def test_validation_quiz_question_without_correct_answer(client, reviewer):
    """A question must have a correct answer (and only one for single choice)."""
    path = TrainingPathFactory()
    module = CourseFactory(parent=path)
    LessonFactory(parent=module)
    publish(path)
    quiz = QuizFactory(
        parent=module,
        questions=[
            question("Sans bonne réponse ?", QuestionKind.SINGLE, [("A", False), ("B", False)]),
            question("Deux bonnes réponses ?", QuestionKind.SINGLE, [("A", True), ("B", True)]),
            question(
                "Vrai ou faux à trois ?",
                QuestionKind.TRUE_FALSE,
                [("V", True), ("F", False), ("?", False)],
            ),
        ],
    )
    client.force_login(reviewer)
    response = edit_page(client, quiz, action="action-publish")
    errors = form_errors(response)
    assert "La question « Sans bonne réponse ? » n’a pas de bonne réponse." in errors
    assert "La question « Deux bonnes réponses ? » n’accepte qu’une seule bonne réponse." in errors
    assert "doit proposer exactement deux réponses" in errors
    assert not QuizPage.objects.get(pk=quiz.pk).live


def test_validation_quiz_with_nested_questions_created_in_the_admin(client, reviewer):
    """Questions and their answers are edited inline; a valid quiz is published."""
    path = TrainingPathFactory()
    module = CourseFactory(parent=path)
    LessonFactory(parent=module)
    publish(path)
    questions = inline_formset(
        [
            {
                "text": "Combien de critères compte le RGAA ?",
                "kind": QuestionKind.SINGLE,
                "explanation": "106 critères.",
                "choices": inline_formset([{"text": "106", "is_correct": "on"}, {"text": "57"}]),
            }
        ]
    )
    fields = {
        "title": "Quiz saisi",
        "slug": "quiz-saisi",
        **nested_form_data({"questions": questions}),
    }
    client.force_login(reviewer)
    response = create_page(client, module, QuizPage, fields, action="action-publish")
    assert response.status_code == 302, form_errors(response)
    quiz = QuizPage.objects.get(slug="quiz-saisi")
    assert quiz.live
    ((question_id, correct),) = quiz.answer_key().items()
    assert [c.text for c in quiz.questions.get().choices.filter(pk__in=correct)] == ["106"]


def test_validation_elearning_module_cannot_have_sessions(client, trainer):
    """Sessions belong to modules in classe virtuelle, présentiel or hybride."""
    module = CourseFactory(parent=TrainingPathFactory(owner=trainer), format=Format.VIRTUAL_CLASS)
    TrainingSessionFactory(course=module)
    client.force_login(trainer)
    response = edit_page(client, module, {"format": Format.E_LEARNING})
    assert response.status_code == 200
    assert "Un module en e-learning n’a pas de sessions" in form_errors(response)


def test_validation_session_fields():
    """A session ends after it starts, has a place or a link, a deadline before its start."""
    start = timezone.now() + datetime.timedelta(days=3)
    session = TrainingSessionFactory.build(
        start=start,
        end=start - datetime.timedelta(hours=1),
        location="",
        visio_url="",
        registration_deadline=start + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert set(error.value.message_dict) == {"end", "location", "registration_deadline"}


def test_validation_cover_image_needs_alt_text():
    """A cover image without alternative text is refused."""
    from wagtail.images.tests.utils import get_test_image_file

    from courses.models import TrainingPathPage as Path

    image = _image(get_test_image_file())
    path = Path(
        title="Avec image",
        summary="…",
        objectives="<p>…</p>",
        level="decouverte",
        cover_image=image,
    )
    with pytest.raises(ValidationError) as error:
        path.clean()
    assert "cover_alt_text" in error.value.message_dict


def test_validation_prerequisite_cannot_be_the_path_itself(client, trainer):
    """A path is not its own prerequisite."""
    path = TrainingPathFactory(title="Circulaire", owner=trainer)
    client.force_login(trainer)
    response = edit_page(client, path, {"prerequisites": [str(path.pk)]})
    assert "ne peut pas être son propre prérequis" in form_errors(response)


def test_validation_image_block_needs_alt_text_unless_decorative():
    """The image block requires alternative text, unless the image is marked decorative."""
    from wagtail.images.tests.utils import get_test_image_file

    image = _image(get_test_image_file())
    block = FigureBlock()
    image.contextual_alt_text, image.decorative = "", False
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": False}})
        )
    value = block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": True}})
    assert block.clean(value)["image"].decorative


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"url": "https://evil.example/watch?v=x"}, "fournisseur autorisé"),
        ({"url": "http://www.youtube.com/watch?v=abc"}, "fournisseur autorisé"),
        ({"url": ""}, "soit l’adresse d’une vidéo, soit un fichier"),
    ],
)
def test_validation_video_block_allowlist(value, message):
    """Videos come from allowed providers (HTTPS) or from an uploaded file."""
    block = VideoBlock()
    data = {"title": "Vidéo", "file": None, "transcript": "<p>Transcription</p>", **value}
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(data))
    assert message in str(error.value.block_errors["url"])


def test_validation_video_block_requires_transcript():
    """A video without transcript is refused."""
    block = VideoBlock()
    data = {
        "title": "Vidéo",
        "url": "https://www.youtube.com/watch?v=abc",
        "file": None,
        "transcript": "",
    }
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(data))
    assert "transcript" in error.value.block_errors


def test_validation_single_choice_helper_builds_a_valid_question():
    """The factories' question helpers produce publishable questions."""
    built = single_choice("Question ?", ["A", "B"], 1)
    assert [c.is_correct for c in built.choices.all()] == [False, True]


def _image(file):
    from wagtail.images import get_image_model

    return get_image_model().objects.create(title="Image de test", file=file)


def test_validation_approval_outside_the_editor_shows_the_reasons(client, trainer, reviewer):
    """Approving from the dashboard a path that lost its module: a message, not an error page."""
    from django.urls import reverse

    path = TrainingPathFactory(title="Module supprimé pendant la relecture", owner=trainer)
    module = CourseFactory(parent=path)
    LessonFactory(parent=module)
    client.force_login(trainer)
    assert edit_page(client, path, action="action-submit").status_code == 302
    module.delete()

    client.force_login(reviewer)
    path.refresh_from_db()
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[path.pk, "approve", path.current_workflow_task_state.pk],
    )
    response = client.post(url, {"comment": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[path.pk])
    assert "La page n’a pas été publiée" in form_errors(response)
    assert NO_MODULE in form_errors(response)
    path.refresh_from_db()
    assert not path.live
