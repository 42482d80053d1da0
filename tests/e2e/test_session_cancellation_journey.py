"""A trainer cancels an upcoming session from its "Présences" page: the agents registered are
told, and the page says the session is cancelled, without axe violations."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from learners.accounts.permissions import TRAINERS_GROUP
from learners.factories import DEMO_PASSWORD, UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from tests.learners.builders import learning_path, session_of

pytestmark = pytest.mark.e2e


def test_session_cancellation_journey(page, live_server, login, axe):
    trainer = UserFactory(
        email="formatrice.annulation@campus.example",
        groups=[Group.objects.get(name=TRAINERS_GROUP)],
    )
    path = learning_path(title="Parcours à session annulée", session_module=True, trainer=trainer)
    session = session_of(path)
    agent = UserFactory(email="agent.annulation@campus.example")
    learning_services.enrol(user=agent, path=path)
    sessions_services.register_for_session(user=agent, session=session)
    mail.outbox.clear()
    page.set_default_timeout(10_000)
    login(page, trainer.email, DEMO_PASSWORD)

    page.goto(f"{live_server.url}/cms/presences/{session.pk}/")
    expect(page.get_by_role("heading", name="Annuler la session")).to_be_visible()
    axe(page)

    page.get_by_label("Motif de l’annulation (envoyé aux inscrits)").fill("Salle indisponible.")
    page.get_by_role("button", name="Annuler la session et prévenir les inscrits").click()
    message = page.locator(".messages li.success")
    expect(message).to_contain_text("Session annulée : 1 agent est prévenu par courriel.")
    # Wagtail's messages fade in (background colour included): axe reads the colours after.
    expect(message).to_have_css("opacity", "1")
    page.wait_for_timeout(1500)
    expect(page.get_by_text("Motif : Salle indisponible.")).to_be_visible()
    axe(page)
    assert [m.to for m in mail.outbox if m.subject.startswith("Session annulée")] == [[agent.email]]
