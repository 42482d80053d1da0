"""E-mails to agents go through the tasks framework, in French, once each."""

import pytest
from django.core import mail

from learners.common.models import SentNotification
from learners.common.notifications import deliver_once
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from learners.sessions import tasks
from learners.sessions.models import SessionRegistration
from tests.learners.builders import learning_path, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def path(module_db):
    return learning_path(
        title="Parcours des courriels", quiz=False, session_module=True, capacity=1
    )


def test_tasks_emails_enrolment_confirmed_once(
    path, mailoutbox, django_capture_on_commit_callbacks
):
    """Enrolling sends one French confirmation; enrolling again sends nothing."""
    agent = UserFactory(first_name="Camille")
    with django_capture_on_commit_callbacks(execute=True):
        learning_services.enrol(user=agent, path=path)
        learning_services.enrol(user=agent, path=path)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [agent.email]
    assert message.subject == "Inscription confirmée : Parcours des courriels"
    assert message.body.startswith("Bonjour Camille,")
    assert f"http://testserver/parcours/{path.pk}/reprendre/" in message.body
    assert SentNotification.objects.filter(user=agent, kind="enrolment_confirmed").count() == 1


def test_tasks_emails_not_sent_before_commit(path, mailoutbox):
    """Nothing leaves while the transaction is open (a rolled-back enrolment sends nothing)."""
    learning_services.enrol(user=UserFactory(), path=path)
    assert mailoutbox == []


def test_tasks_emails_session_confirmed_waitlisted_promoted(
    path, mailoutbox, django_capture_on_commit_callbacks
):
    """Confirmed, waitlisted with the position, then promoted when the seat frees up."""
    first, second = UserFactory(), UserFactory()
    session = session_of(path)
    for agent in (first, second):
        learning_services.enrol(user=agent, path=path)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = sessions_services.register_for_session(user=first, session=session)
        sessions_services.register_for_session(user=second, session=session)
    subjects = [m.subject for m in mailoutbox]
    assert subjects[0].startswith("Inscription confirmée : Atelier, le ")
    assert subjects[1].startswith("Liste d’attente : Atelier")
    assert "en position 1" in mailoutbox[1].body
    assert "Lieu : Paris — 20 avenue de Ségur" in mailoutbox[0].body
    # The confirmed seat comes with its calendar event; a place on the waitlist does not.
    [(filename, event, mimetype)] = mailoutbox[0].attachments
    assert (filename, mimetype) == ("session.ics", "text/calendar; method=PUBLISH")
    assert "BEGIN:VEVENT" in event and "SUMMARY:Atelier" in event
    assert "ouvrez le fichier joint « session.ics »" in mailoutbox[0].body
    assert mailoutbox[1].attachments == []

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sessions_services.cancel_registration(user=first, registration=confirmed)
    # The agent who cancelled gets the event's cancellation; the first waiting gets the seat.
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_recipient) == sorted([first.email, second.email])
    cancelled = by_recipient[first.email]
    assert cancelled.subject.startswith("Inscription annulée : Atelier")
    [(filename, event, mimetype)] = cancelled.attachments
    assert (filename, mimetype) == ("annulation-session.ics", "text/calendar; method=CANCEL")
    assert "METHOD:CANCEL" in event and "STATUS:CANCELLED" in event
    assert "ORGANIZER;CN=" in event
    uid = next(line for line in event.split("\r\n") if line.startswith("UID:"))
    assert uid.startswith(f"UID:campus-session-{session.pk}-registration-{confirmed.pk}@")
    promoted = by_recipient[second.email]
    assert promoted.subject.startswith("Une place s’est libérée : Atelier")
    assert promoted.attachments[0][0] == "session.ics"

    # Leaving the waitlist withdraws no event (none was given): no e-mail.
    third = UserFactory()
    learning_services.enrol(user=third, path=path)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = sessions_services.register_for_session(user=third, session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sessions_services.cancel_registration(user=third, registration=waiting)
    assert mailoutbox == []


def test_tasks_emails_task_run_twice_sends_once(path, mailoutbox):
    """A task run again (a retry, a duplicate) sends nothing more."""
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    registration = sessions_services.register_for_session(user=agent, session=session_of(path))
    version = registration.registered_at.isoformat()
    mail.outbox.clear()
    tasks.send_session_confirmed.enqueue(registration.pk, version)
    tasks.send_session_confirmed.enqueue(registration.pk, version)
    assert len(mailoutbox) == 1


def test_tasks_emails_stale_event_sends_nothing(path, mailoutbox):
    """A confirmation whose registration was cancelled in between is not sent."""
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    registration = sessions_services.register_for_session(user=agent, session=session_of(path))
    sessions_services.cancel_registration(user=agent, registration=registration)
    mail.outbox.clear()
    tasks.send_session_confirmed.enqueue(registration.pk, registration.registered_at.isoformat())
    assert mailoutbox == []
    assert not SentNotification.objects.filter(user=agent).exists()


def test_tasks_emails_failed_send_can_be_retried(path, monkeypatch):
    """A failed send leaves no record, so a retry sends it."""
    agent = UserFactory()

    def broken(*args, **kwargs):
        raise OSError("SMTP indisponible")

    monkeypatch.setattr("learners.common.notifications.EmailMessage.send", broken)
    context = {"path": path, "enrolment": None, "resume_url": "", "dashboard_url": ""}
    with pytest.raises(OSError):
        deliver_once(
            kind="test",
            key="test:1",
            user=agent,
            template="learning/enrolment_confirmed",
            context=context,
        )
    assert not SentNotification.objects.filter(key="test:1").exists()
    monkeypatch.undo()
    assert deliver_once(
        kind="test",
        key="test:1",
        user=agent,
        template="learning/enrolment_confirmed",
        context=context,
    )
    assert not deliver_once(
        kind="test",
        key="test:1",
        user=agent,
        template="learning/enrolment_confirmed",
        context=context,
    )


def test_tasks_emails_registration_model_status_values():
    """Registration statuses are stored in French, like the enrolment's."""
    assert [s.value for s in SessionRegistration.Status] == ["confirmee", "en_attente", "annulee"]
