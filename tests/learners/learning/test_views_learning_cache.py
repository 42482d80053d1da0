"""The learning view's cached parts (views/learning.py): the outline menu is cached under a key
made of the agent's states, so progress shows at once; the lesson's body once per publication.

Caches are off inside a test's transaction: the `caching` fixture turns them on.
"""

import pytest
from wagtail.models import Page

from courses.factories import publish
from learners.factories import UserFactory
from learners.learning import services
from tests.learners.builders import learning_path

pytestmark = pytest.mark.django_db


def page(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


def menu_state(response, title: str) -> str:
    """The state shown in the outline menu next to the activity called `title`."""
    html = response.content.decode()
    start = html.index(title, html.index("programme-menu"))
    return html[start : start + 400]


def test_views_learning_cache_menu_follows_progress(caching, client):
    """A lesson completed elsewhere (another tab) shows as done on the next page."""
    path = learning_path(title="Parcours mis en cache", lessons=3, quiz=False)
    agent = UserFactory()
    services.enrol(user=agent, path=path)
    client.force_login(agent)
    first = page(path, "Leçon 1")
    assert "à faire" in menu_state(client.get(f"/apprendre/{first.pk}/"), "Leçon 3")
    services.complete_activity(user=agent, activity=page(path, "Leçon 3"))
    assert "terminé" in menu_state(client.get(f"/apprendre/{first.pk}/"), "Leçon 3")


def test_views_learning_cache_lesson_body_follows_publication(caching, client):
    """The lesson's new text shows once published."""
    path = learning_path(title="Parcours republié", lessons=1, quiz=False)
    agent = UserFactory()
    services.enrol(user=agent, path=path)
    client.force_login(agent)
    lesson = page(path, "Leçon 1")
    client.get(f"/apprendre/{lesson.pk}/")
    lesson.body = [{"type": "paragraph", "value": "<p>Un texte tout neuf.</p>"}]
    publish(lesson)
    assert "Un texte tout neuf." in client.get(f"/apprendre/{lesson.pk}/").content.decode()
