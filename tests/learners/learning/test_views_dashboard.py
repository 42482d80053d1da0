"""Mon espace (/mon-espace/): paths in progress, upcoming sessions, completed paths, empty state."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from tests.learners.builders import learning_path, quiz_answers, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def paths(module_db):
    return (
        learning_path(title="Parcours en cours", session_module=True, capacity=1),
        learning_path(title="Parcours terminé", lessons=1),
    )


def page(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_views_dashboard_url_and_navigation(client):
    """ "Mon espace" is /mon-espace/, linked from the main navigation for signed-in agents."""
    assert reverse("dashboard") == "/mon-espace/"
    client.force_login(UserFactory())
    html = soup(client.get("/"))
    assert html.select_one("#menu-modal").find(
        "a", href="/mon-espace/", string=re.compile("Mon espace")
    )


def test_views_dashboard_empty_state(client):
    """An agent without enrolments is pointed to the catalogue."""
    client.force_login(UserFactory())
    html = soup(client.get("/mon-espace/"))
    assert html.find("h1").text == "Mon espace"
    callout = html.select_one("main .fr-callout")
    assert "Vous ne suivez aucun parcours" in callout.text
    assert callout.find("a", href="/catalogue/")


def test_views_dashboard_progress_sessions_and_completed_paths(client, paths):
    """In progress with a bar and "Reprendre", sessions with the waitlist position, completed
    paths with their date and hours."""
    ongoing, done = paths
    agent, first = UserFactory(), UserFactory()
    for user in (agent, first):
        learning_services.enrol(user=user, path=ongoing)
    learning_services.complete_activity(user=agent, activity=page(ongoing, "Leçon 1"))
    sessions_services.register_for_session(user=first, session=session_of(ongoing))
    sessions_services.register_for_session(user=agent, session=session_of(ongoing))
    learning_services.enrol(user=agent, path=done)
    learning_services.complete_activity(user=agent, activity=page(done, "Leçon 1"))
    quiz = page(done, "Quiz des bases")
    learning_services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))

    client.force_login(agent)
    html = soup(client.get("/mon-espace/"))
    card = html.select_one("#parcours-en-cours + ul .fr-card")
    assert card.find("h3").text.strip() == "Parcours en cours"
    assert card.find("progress")["value"] == "25"
    assert card.find("a", href=f"/parcours/{ongoing.pk}/reprendre/").get_text(" ", strip=True) == (
        "Reprendre Parcours en cours"
    )
    sessions = html.find("table", attrs={"aria-labelledby": "prochaines-sessions"})
    assert "Liste d’attente (1)" in sessions.text and "Atelier" in sessions.text
    completed = html.find("table", attrs={"aria-labelledby": "parcours-termines"})
    row = [td.get_text(" ", strip=True) for td in completed.select("tbody td")]
    assert row[0] == "Parcours terminé"
    assert row[1].startswith("Terminé") and "100 %" in row[1]
    assert row[3] == "30 min"
    assert "1 parcours en cours" in html.select_one(".fr-text--lead").text


def test_views_dashboard_shows_only_own_data(client, paths):
    """Another agent's enrolments and sessions never appear."""
    ongoing, _done = paths
    other = UserFactory()
    learning_services.enrol(user=other, path=ongoing)
    client.force_login(UserFactory())
    html = soup(client.get("/mon-espace/"))
    assert "Parcours en cours" not in html.select_one("main").text


def test_views_dashboard_path_page_shows_own_state(client, paths):
    """The path page shows the signed-in agent's percentage and the "Terminé" outline badges."""
    ongoing, _done = paths
    agent = UserFactory()
    learning_services.enrol(user=agent, path=ongoing)
    learning_services.complete_activity(user=agent, activity=page(ongoing, "Leçon 1"))
    client.force_login(agent)
    html = soup(client.get(ongoing.url))
    assert html.find(id="progression-parcours").text.strip() == "Votre progression : 25 %"
    assert len(html.select("#programme ~ ol .fr-badge--success")) == 1
    client.force_login(UserFactory())
    html = soup(client.get(ongoing.url))
    assert not html.find(id="progression-parcours")
    assert not html.select("#programme ~ ol .fr-badge--success")
