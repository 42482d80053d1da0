"""The learning space's pages: enrol from the path page, learn, complete lessons, pass quizzes,
register for sessions, abandon — with POST-redirect-GET and clear messages."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from wagtail.models import Page

from courses.factories import publish
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.sessions import services as sessions_services
from learners.sessions.models import SessionRegistration
from tests.learners.builders import learning_path, quiz_answers, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def path(module_db):
    return learning_path(
        title="Parcours d’apprentissage", session_module=True, capacity=1, attempts_allowed=2
    )


@pytest.fixture
def agent(db):
    return UserFactory()


@pytest.fixture
def learner(agent, path, client):
    """The agent, enrolled and signed in."""
    learning_services.enrol(user=agent, path=path)
    client.force_login(agent)
    return agent


def page(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


def url(activity):
    return f"/apprendre/{activity.pk}/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def button(html, text):
    """The first button whose text (hidden parts included) contains `text`."""
    return next((b for b in html.find_all("button") if text in b.get_text()), None)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_views_learning_enrol_from_the_path_page(client, agent, path):
    """ "S’inscrire" on the path page enrols the agent, then shows their state and "Commencer"."""
    client.force_login(agent)
    html = soup(client.get(path.url))
    form = html.find("form", action=f"/parcours/{path.pk}/inscription/")
    assert form and form.find("button", string=re.compile("S’inscrire"))

    response = client.post(f"/parcours/{path.pk}/inscription/", follow=True)
    assert response.redirect_chain[-1][0] == path.url
    assert (
        "Vous êtes inscrit ou inscrite au parcours « Parcours d’apprentissage »"
        in response.content.decode()
    )
    assert Enrolment.objects.filter(user=agent, path=path).count() == 1
    html = soup(response)
    assert html.find("a", href=f"/parcours/{path.pk}/reprendre/", string=re.compile("Commencer"))
    assert html.find("progress", attrs={"aria-labelledby": "progression-parcours"})

    again = client.post(f"/parcours/{path.pk}/inscription/", follow=True)
    assert "déjà inscrit" in again.content.decode()
    assert Enrolment.objects.filter(user=agent, path=path).count() == 1


def test_views_learning_enrol_with_missing_prerequisites(client, agent, path):
    """A missing prerequisite is named on the path page and in the refusal."""
    advanced = learning_path(title="Parcours expert", quiz=False, published=False)
    advanced.prerequisites.add(path)
    publish(advanced)
    client.force_login(agent)
    assert (
        "Parcours d’apprentissage"
        in soup(client.get(advanced.url)).find(class_="fr-alert--warning").text
    )
    response = client.post(f"/parcours/{advanced.pk}/inscription/", follow=True)
    assert "Pour vous inscrire, terminez d’abord : « Parcours d’apprentissage »." in messages_of(
        response
    )
    assert not Enrolment.objects.filter(user=agent, path=advanced).exists()


def test_views_learning_lesson_page(client, learner, path):
    """A lesson shows the breadcrumb, the outline with states and aria-current, progress bars,
    previous/next and the completion button."""
    lesson = page(path, "Leçon 2")
    learning_services.complete_activity(user=learner, activity=page(path, "Leçon 1"))
    response = client.get(url(lesson))
    assert response.status_code == 200
    html = soup(response)
    crumbs = [a.text.strip() for a in html.select(".fr-breadcrumb__link")]
    assert crumbs == ["Accueil", "Catalogue", "Parcours d’apprentissage", "Les bases", "Leçon 2"]
    menu = html.select_one("nav.fr-sidemenu")
    current = menu.select_one('a[aria-current="page"]')
    assert current["href"] == url(lesson)
    states = {" ".join(a.get_text(" ").split()) for a in menu.select("a.fr-sidemenu__link")}
    assert "Leçon 1 Leçon — terminé" in states
    assert "Quiz des bases Quiz — à faire" in states
    assert "Leçon 2 Leçon — en cours" in states  # opened last
    bars = {p["aria-labelledby"]: p["value"] for p in html.select("progress")}
    assert bars == {"progression-parcours": "25", "progression-module": "33"}
    assert html.find(string=re.compile("Progression du parcours"))
    assert html.find("a", href=url(page(path, "Leçon 1")), string=re.compile("Précédent"))
    assert html.find("a", href=url(page(path, "Quiz des bases")), string=re.compile("Suivant"))
    form = html.find("form", action=f"/apprendre/{lesson.pk}/terminer/")
    assert form.find("button", string=re.compile("J’ai terminé cette leçon"))
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_views_learning_complete_lesson_then_next(client, learner, path):
    """ "J'ai terminé cette leçon" records the completion and opens the next activity; a double
    click changes nothing."""
    lesson = page(path, "Leçon 1")
    response = client.post(f"/apprendre/{lesson.pk}/terminer/")
    assert response.status_code == 302
    assert response["Location"] == url(page(path, "Leçon 2"))
    assert client.post(f"/apprendre/{lesson.pk}/terminer/").status_code == 302
    assert ActivityCompletion.objects.filter(user=learner, activity=lesson).count() == 1
    html = soup(client.get(url(lesson)))
    assert html.find(string=re.compile("Vous avez terminé cette leçon"))
    assert not html.find("form", action=f"/apprendre/{lesson.pk}/terminer/")


def test_views_learning_get_on_post_endpoints_redirects(client, learner, path):
    """Opening an action's address (after a login) leads back to the activity, changing nothing."""
    lesson = page(path, "Leçon 1")
    assert client.get(f"/apprendre/{lesson.pk}/terminer/")["Location"] == url(lesson)
    assert not ActivityCompletion.objects.filter(user=learner).exists()


def test_views_learning_resume_opens_first_activity_not_completed(client, learner, path):
    """ "Reprendre" opens the first activity the agent has not completed."""
    learning_services.complete_activity(user=learner, activity=page(path, "Leçon 1"))
    response = client.get(f"/parcours/{path.pk}/reprendre/")
    assert response["Location"] == url(page(path, "Leçon 2"))


def test_views_learning_quiz_form(client, learner, path):
    """The quiz is a form of fieldsets, radios for single answers, checkboxes for several."""
    quiz = page(path, "Quiz des bases")
    html = soup(client.get(url(quiz)))
    form = html.find("form", action=f"/apprendre/{quiz.pk}/quiz/")
    fieldsets = form.select("fieldset.fr-fieldset")
    assert len(fieldsets) == 3
    kinds = [{i["type"] for i in fieldset.select("input")} for fieldset in fieldsets]
    assert kinds == [{"radio"}, {"checkbox"}, {"radio"}]
    assert all(fieldset.find("legend") for fieldset in fieldsets)
    assert "is_correct" not in str(form) and "explication" not in str(form).lower()


def test_views_learning_quiz_errors_keep_answers(client, learner, path):
    """An unanswered question re-displays the form with an error and the answers given."""
    quiz = page(path, "Quiz des bases")
    answers = quiz_answers(quiz)
    first, second, third = quiz.questions.order_by("sort_order")
    data = {f"question-{first.pk}": answers[first.pk], f"question-{second.pk}": answers[second.pk]}
    response = client.post(f"/apprendre/{quiz.pk}/quiz/", data)
    assert response.status_code == 400
    html = soup(response)
    error = html.select_one(f"#question-{third.pk}")
    assert "fr-fieldset--error" in error["class"]
    assert "Choisissez une réponse." in error.text
    checked = {int(i["value"]) for i in html.select("input[checked]")}
    assert checked == set(answers[first.pk]) | set(answers[second.pk])
    assert not QuizAttempt.objects.filter(user=learner).exists()


def test_views_learning_quiz_fail_then_pass(client, learner, path):
    """A failed attempt shows the score and explanations; a passed one completes the quiz."""
    quiz = page(path, "Quiz des bases")

    def submit(right):
        key = soup(client.get(url(quiz))).find("input", attrs={"name": "submission_key"})["value"]
        data = {f"question-{pk}": ids for pk, ids in quiz_answers(quiz, right=right).items()}
        return client.post(f"/apprendre/{quiz.pk}/quiz/", {**data, "submission_key": key})

    failed = submit(right=False)
    attempt = QuizAttempt.objects.get(user=learner)
    assert failed["Location"] == f"/apprendre/tentatives/{attempt.pk}/"
    result = client.get(failed["Location"]).content.decode()
    assert "Quiz non réussi : 0 %" in result
    assert "Le RGAA 4.1 compte 106 critères." in result  # the explanation
    assert "Refaire le quiz" in result

    passed = submit(right=True)
    result = client.get(passed["Location"]).content.decode()
    assert "Quiz réussi : 100 %" in result
    assert ActivityCompletion.objects.filter(user=learner, activity=quiz).exists()
    html = soup(client.get(url(quiz)))
    assert "Plus de tentative disponible" in html.text  # two attempts allowed, both used
    assert len(html.select(".fr-table tbody tr")) == 2


def test_views_learning_quiz_double_submit_counts_once(client, learner, path):
    """Submitting the same form twice stores one attempt."""
    quiz = page(path, "Quiz des bases")
    key = soup(client.get(url(quiz))).find("input", attrs={"name": "submission_key"})["value"]
    data = {f"question-{pk}": ids for pk, ids in quiz_answers(quiz).items()}
    first = client.post(f"/apprendre/{quiz.pk}/quiz/", {**data, "submission_key": key})
    second = client.post(f"/apprendre/{quiz.pk}/quiz/", {**data, "submission_key": key})
    assert first["Location"] == second["Location"]
    assert QuizAttempt.objects.filter(user=learner).count() == 1


def test_views_learning_quiz_attempts_exhausted_message(client, learner, path):
    """A submission beyond the limit is refused with a clear message."""
    quiz = page(path, "Quiz des bases")
    for _ in range(2):
        learning_services.submit_quiz(
            user=learner, quiz=quiz, answers=quiz_answers(quiz, right=False)
        )
    data = {f"question-{pk}": ids for pk, ids in quiz_answers(quiz).items()}
    response = client.post(f"/apprendre/{quiz.pk}/quiz/", data, follow=True)
    assert any("2 tentatives autorisées" in m for m in messages_of(response))
    assert QuizAttempt.objects.filter(user=learner).count() == 2


def test_views_learning_session_register_and_cancel(client, learner, path):
    """Register from the module's activity, see the seat, cancel after a confirmation page."""
    session = session_of(path)
    workshop = page(path, "Atelier")
    html = soup(client.get(url(workshop)))
    form = html.find("form", action=f"/apprendre/sessions/{session.pk}/inscription/")
    assert "S’inscrire à la session du" in button(form, "S’inscrire").get_text()

    response = client.post(f"/apprendre/sessions/{session.pk}/inscription/", follow=True)
    assert any("Votre place est réservée" in m for m in messages_of(response))
    registration = SessionRegistration.objects.get(user=learner, session=session)
    html = soup(response)
    cancel = html.find("a", href=f"/apprendre/inscriptions/{registration.pk}/annulation/")
    assert cancel

    confirm = soup(client.get(cancel["href"]))
    assert confirm.find("h1").text == "Annuler l’inscription à la session"
    response = client.post(cancel["href"], follow=True)
    assert any("est annulée" in m for m in messages_of(response))
    registration.refresh_from_db()
    assert registration.status == SessionRegistration.Status.CANCELLED


def test_views_learning_session_full_offers_the_waitlist(client, learner, path):
    """A full session offers the waitlist, and tells the agent their position."""
    session = session_of(path)
    other = UserFactory()
    learning_services.enrol(user=other, path=path)
    sessions_services.register_for_session(user=other, session=session)
    html = soup(client.get(url(page(path, "Atelier"))))
    assert button(html, "Rejoindre la liste d’attente")
    response = client.post(f"/apprendre/sessions/{session.pk}/inscription/", follow=True)
    assert any("liste d’attente, en position 1" in m for m in messages_of(response))


def test_views_learning_abandon_with_confirmation(client, learner, path):
    """ "Abandonner" asks for confirmation, then leaves the path; progress is kept."""
    learning_services.complete_activity(user=learner, activity=page(path, "Leçon 1"))
    html = soup(client.get(path.url))
    link = html.find("a", string=re.compile("Abandonner ce parcours"))
    confirm = client.get(link["href"])
    assert (
        "Votre progression (25 %) et vos résultats aux quiz sont conservés"
        in confirm.content.decode()
    )
    response = client.post(link["href"], follow=True)
    assert response.redirect_chain[-1][0] == path.url
    assert Enrolment.objects.get(user=learner, path=path).status == Enrolment.Status.ABANDONED
    assert (
        "Votre progression (25 %) est conservée si vous vous réinscrivez."
        in response.content.decode()
    )
    assert ActivityCompletion.objects.filter(user=learner).count() == 1
