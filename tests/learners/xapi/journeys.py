"""An agent's whole journey through a path (every kind of statement), for the xAPI tests."""

from wagtail.models import Page

from learners.certification.models import Certificate
from tests.learners.certification.fixtures import agent, do_activities, learning_path


def full_journey(client, capture, *, email="camille.xapi@campus.example", attend_by):
    """Enrol, open a lesson, fail then pass the quiz, attend a session, complete the path,
    earn the certificate; on-commit callbacks run as after real commits. Returns
    (user, path, certificate)."""
    user = agent(email=email)
    path = learning_path(session_module=True)
    with capture(execute=True):
        do_activities(user, path, quiz_right=0, attend_by=attend_by, skip={"Leçon 1"})
        client.force_login(user)
        lesson = next(a for a in path.get_outline().activities if a.title == "Leçon 1")
        response = client.get(f"/apprendre/{lesson.id}/")
        assert response.status_code == 200
        do_activities(user, path, attend_by=None)  # the rest: lesson 1, quiz passed
    certificate = Certificate.objects.filter(user=user, path=path).first()
    return user, path, certificate


def page_titled(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific
