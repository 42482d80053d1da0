"""One pass mark: the quiz's own, shown the same on the path page, in its programme and on the
quiz page (the path page once announced a path-wide 80 % while the quiz said 70 %)."""

import re

import pytest

from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    publish,
    single_choice,
)

pytestmark = pytest.mark.django_db


def quiz(parent, title, pass_mark):
    return QuizFactory(
        parent=parent,
        title=title,
        pass_mark=pass_mark,
        questions=[single_choice("Une question ?", ["Oui", "Non"], 0)],
    )


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def certification_section(html: str) -> str:
    return html[html.index(">Certification<") :]


def test_views_pass_mark_path_page_states_the_quiz_pass_mark(client):
    path = TrainingPathFactory(title="Une seule barre")
    module = CourseFactory(parent=path, title="Module")
    LessonFactory(parent=module, title="Leçon")
    quiz_page = quiz(module, "Quiz final", 75)
    publish(path)

    path_html = text_of(client.get(path.url))
    assert "Quiz final</a> (10 min, réussite à partir de 75 %)" in path_html
    certification = certification_section(path_html)
    assert "chaque quiz obligatoire est réussi, à partir de 75 % de bonnes réponses" in (
        certification
    )
    assert re.findall(r"\d+ %", certification) == ["75 %"]
    assert "Réussite à partir de 75 % de bonnes réponses" in text_of(
        client.get(quiz_page.specific.url)
    )


def test_views_pass_mark_different_marks_point_to_the_programme(client):
    path = TrainingPathFactory(title="Deux barres")
    module = CourseFactory(parent=path, title="Module")
    quiz(module, "Quiz facile", 60)
    quiz(module, "Quiz exigeant", 90)
    publish(path)

    html = text_of(client.get(path.url))
    assert "réussite à partir de 60 %" in html and "réussite à partir de 90 %" in html
    assert "au score de réussite indiqué pour chacun dans le programme" in html
