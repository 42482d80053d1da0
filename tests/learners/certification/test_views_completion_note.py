"""The congratulation after the last activity says where the certificate is, or why there is
none yet."""

import pytest
from bs4 import BeautifulSoup

from learners.certification import services as certification_services
from learners.certification.models import Certificate
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import Enrolment
from tests.learners.builders import learning_path

pytestmark = pytest.mark.django_db


def test_views_completion_note_links_to_the_certificate(client, django_capture_on_commit_callbacks):
    agent = UserFactory()
    path = learning_path(title="Court", lessons=1, quiz=False)
    learning_services.enrol(user=agent, path=path)
    lesson = path.get_descendants().live().specific().get(title="Leçon 1")
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/apprendre/{lesson.pk}/terminer/", follow=True)
    assert Certificate.objects.filter(user=agent, path=path).exists()
    alert = (
        BeautifulSoup(response.content, "html.parser")
        .find(string=lambda text: text and "Félicitations" in text)
        .find_parent(["p", "div"])
    )
    assert "vous avez terminé le parcours « Court »" in alert.get_text()
    # Issued after the action's transaction commits (by the worker in production): the link
    # leads to where it appears.
    assert "Votre certificat est en cours de création" in alert.get_text()
    assert alert.find("a", string="Mon espace")["href"] == "/mon-espace/#certificats"
    certificates = BeautifulSoup(client.get("/mon-espace/").content, "html.parser")
    assert certificates.find(id="certificats").find_next("h3").get_text(strip=True) == "Court"


def test_views_completion_note_once_issued():
    agent = UserFactory()
    path = learning_path(title="Court", lessons=1, quiz=False)
    learning_services.enrol(user=agent, path=path)
    lesson = path.get_descendants().live().specific().get(title="Leçon 1")
    learning_services.complete_activity(user=agent, activity=lesson)
    enrolment = Enrolment.objects.get(user=agent, path=path)
    certification_services.issue_certificate(enrolment=enrolment, notify=False)
    note = certification_services.completion_note(enrolment)
    assert note == (
        'Votre certificat est prêt : <a href="/mon-espace/#certificats">voir mon certificat</a>.'
    )


def test_views_completion_note_says_what_is_missing():
    """Completed, but the rule is not met (here: a session attendance not recorded in this
    cycle): the note names what is missing, escaped."""
    agent = UserFactory()
    path = learning_path(title="Avec atelier", lessons=1, quiz=False, session_module=True)
    learning_services.enrol(user=agent, path=path)
    for page in path.get_descendants().live().specific():
        if page.title in ("Leçon 1", "Atelier"):
            learning_services.complete_activity(user=agent, activity=page)
    enrolment = Enrolment.objects.get(user=agent, path=path)
    assert enrolment.is_completed
    note = certification_services.completion_note(enrolment)
    assert note.startswith("Pas encore de certificat : ")
    assert "Être présent ou présente à une session du module « Atelier »." in note
