"""Mon espace names each table once: by the heading above it, not by a caption that repeats
the heading (screen readers read both, one after the other)."""

import pytest
from bs4 import BeautifulSoup

from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from tests.learners.builders import learning_path, session_of

pytestmark = pytest.mark.django_db


def test_dashboard_tables_are_named_once(client):
    agent = UserFactory()
    ongoing = learning_path(title="Parcours avec atelier", session_module=True)
    done = learning_path(title="Parcours fini", lessons=1, quiz=False)
    learning_services.enrol(user=agent, path=ongoing)
    sessions_services.register_for_session(user=agent, session=session_of(ongoing))
    learning_services.enrol(user=agent, path=done)
    lesson = done.get_descendants().live().specific().get(title="Leçon 1")
    learning_services.complete_activity(user=agent, activity=lesson)
    client.force_login(agent)
    html = BeautifulSoup(client.get("/mon-espace/").content, "html.parser")
    tables = html.select("main table")
    assert len(tables) >= 2
    for table in tables:
        heading = table.find_previous(["h2", "h3"])
        caption = table.find("caption")
        if caption is not None:
            assert caption.get_text(strip=True) != heading.get_text(strip=True)
        else:
            labelled_by = html.find(id=table["aria-labelledby"])
            assert labelled_by is heading
