"""The learning view's "Ajouter à mon agenda (.ics)" shows its label: in a DSFR button group,
an icon button shows only its icon unless the group says where icons go
(`fr-btns-group--icon-left`)."""

import pytest
from bs4 import BeautifulSoup

from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from tests.learners.builders import learning_path, session_of

pytestmark = pytest.mark.django_db


def test_views_calendar_button_label_is_visible(client):
    path = learning_path(title="Avec atelier", quiz=False, session_module=True)
    session = session_of(path)
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    registration = sessions_services.register_for_session(user=agent, session=session)
    client.force_login(agent)
    html = BeautifulSoup(client.get(f"/apprendre/{session.course_id}/").content, "html.parser")
    link = html.find("a", href=f"/apprendre/inscriptions/{registration.pk}/agenda.ics")
    assert link.get_text(strip=True) == "Ajouter à mon agenda (.ics)"
    group = link.find_parent("ul", class_="fr-btns-group")
    assert "fr-btns-group--icon-left" in group["class"]
