"""The button that opens a path says what it will do: Commencer (nothing done yet), Reprendre
(under way), Revoir le parcours (completed), on the path page and in Mon espace."""

import pytest
from bs4 import BeautifulSoup

from learners.factories import UserFactory
from learners.learning import services as learning_services
from tests.learners.builders import learning_path

pytestmark = pytest.mark.django_db


def lesson(path, title):
    return path.get_descendants().live().specific().get(title=title)


def path_page_button(client, path) -> str:
    html = BeautifulSoup(client.get(path.url).content, "html.parser")
    return html.select_one(f'main a.fr-btn[href="/parcours/{path.pk}/reprendre/"]').get_text(
        " ", strip=True
    )


def dashboard_button(client, path) -> str:
    html = BeautifulSoup(client.get("/mon-espace/").content, "html.parser")
    link = html.select_one(f'main a[href="/parcours/{path.pk}/reprendre/"]')
    return link.contents[0].strip() if link else ""


def test_views_path_actions_follow_the_enrolment(client):
    agent = UserFactory()
    path = learning_path(title="Trois états", lessons=2, quiz=False)
    client.force_login(agent)
    learning_services.enrol(user=agent, path=path)
    assert path_page_button(client, path) == "Commencer"
    assert dashboard_button(client, path) == "Commencer"

    learning_services.complete_activity(user=agent, activity=lesson(path, "Leçon 1"))
    assert path_page_button(client, path) == "Reprendre"
    assert dashboard_button(client, path) == "Reprendre"

    learning_services.complete_activity(user=agent, activity=lesson(path, "Leçon 2"))
    assert path_page_button(client, path) == "Revoir le parcours"


def test_views_path_actions_revisit_opens_the_first_activity(client):
    """Revoir le parcours opens the path's first activity."""
    agent = UserFactory()
    path = learning_path(title="Déjà fini", lessons=2, quiz=False)
    learning_services.enrol(user=agent, path=path)
    for title in ("Leçon 1", "Leçon 2"):
        learning_services.complete_activity(user=agent, activity=lesson(path, title))
    client.force_login(agent)
    response = client.get(f"/parcours/{path.pk}/reprendre/")
    assert response.url == f"/apprendre/{lesson(path, 'Leçon 1').pk}/"
