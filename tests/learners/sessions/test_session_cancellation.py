"""A session with registrations never vanishes: removing it from the module is refused with a
message, at every publication route and in the database; cancelling it is an explicit action of
its trainer or an administrator that tells every agent (e-mail, calendar METHOD:CANCEL) and keeps
the records; moving its date or place tells them too, with the updated event."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, TrainingSession
from courses.models.modules import upcoming_sessions
from courses.publication_checks import PublicationBlocked
from learners.accounts.permissions import TRAINERS_GROUP
from learners.common.exceptions import NotAllowed, RegistrationClosed
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from learners.sessions.models import SessionRegistration
from tests.courses.admin_forms import edit_page, form_errors
from tests.learners.builders import learning_path, session_of

pytestmark = pytest.mark.django_db

Status = SessionRegistration.Status


@pytest.fixture
def setting(db):
    trainer = UserFactory(email="formatrice-annulation@campus.example")
    trainer.groups.add(Group.objects.get(name=TRAINERS_GROUP))
    path = learning_path(session_module=True, capacity=2, trainer=trainer)
    path.owner = trainer
    path.save(update_fields=["owner"])
    session = session_of(path)
    agents = UserFactory.create_batch(3)
    for agent in agents:
        learning_services.enrol(user=agent, path=path)
        sessions_services.register_for_session(user=agent, session=session)
    mail.outbox.clear()
    return {"trainer": trainer, "path": path, "session": session, "agents": agents}


def module_of(setting) -> CoursePage:
    return CoursePage.objects.get(pk=setting["session"].course_id)


def statuses(session) -> list[str]:
    return sorted(
        SessionRegistration.objects.filter(session=session).values_list("status", flat=True)
    )


def test_cancellation_removing_the_session_in_the_editor_is_refused(client, setting):
    client.force_login(setting["trainer"])
    response = edit_page(client, module_of(setting), **{"sessions-0-DELETE": "1"})
    assert response.status_code == 200
    assert "a des inscrits : elle ne peut pas être supprimée" in form_errors(response)
    assert TrainingSession.objects.filter(pk=setting["session"].pk).exists()
    assert len(statuses(setting["session"])) == 3


def test_cancellation_publishing_a_version_without_the_session_is_blocked(setting):
    """Routes that skip the editor (approval, scheduled publishing) are guarded too."""
    module = module_of(setting)
    module.sessions.clear()  # the cluster in memory, as a revision would hold it
    revision = module.save_revision()
    with pytest.raises(PublicationBlocked):
        revision.publish()
    assert TrainingSession.objects.filter(pk=setting["session"].pk).exists()


def test_cancellation_the_database_refuses_to_delete_registrations(setting):
    with pytest.raises(ProtectedError):
        TrainingSession.objects.filter(pk=setting["session"].pk).delete()


def test_cancellation_deleting_the_module_in_the_admin_is_refused(client, setting):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    module = module_of(setting)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[module.pk]))
    assert response.status_code == 302
    assert CoursePage.objects.filter(pk=module.pk).exists()
    assert len(statuses(setting["session"])) == 3


def test_cancellation_by_its_trainer_tells_everyone_and_keeps_the_records(
    setting, django_capture_on_commit_callbacks
):
    session = setting["session"]
    assert statuses(session) == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    with django_capture_on_commit_callbacks(execute=True):
        told = sessions_services.cancel_session(
            session=session, cancelled_by=setting["trainer"], reason="Formatrice malade."
        )
    assert told == 3
    session.refresh_from_db()
    assert session.cancelled_at is not None and session.cancellation_reason == "Formatrice malade."
    assert statuses(session) == [Status.CANCELLED] * 3
    notices = [m for m in mail.outbox if m.subject.startswith("Session annulée")]
    assert sorted(m.to[0] for m in notices) == sorted(a.email for a in setting["agents"])
    assert all("Formatrice malade." in m.body for m in notices)
    with_event = [m for m in notices if m.attachments]
    assert len(with_event) == 2  # the two seats; the waiting agent had no event
    assert all("METHOD:CANCEL" in m.attachments[0][1] for m in with_event)
    # Gone from the module's sessions; nobody can register any more.
    assert session.pk not in [s.pk for s in upcoming_sessions([session.course_id])]
    newcomer = UserFactory()
    learning_services.enrol(user=newcomer, path=setting["path"])
    with pytest.raises(RegistrationClosed):
        sessions_services.register_for_session(user=newcomer, session=session)
    # Twice: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            sessions_services.cancel_session(
                session=session, cancelled_by=setting["trainer"], reason="Encore"
            )
            == 0
        )
    assert len([m for m in mail.outbox if m.subject.startswith("Session annulée")]) == 3


def test_cancellation_refused_to_another_trainer(setting):
    other = UserFactory()
    other.groups.add(Group.objects.get(name=TRAINERS_GROUP))
    with pytest.raises(NotAllowed):
        sessions_services.cancel_session(
            session=setting["session"], cancelled_by=other, reason="Non"
        )


def test_cancellation_from_the_attendance_page(client, setting):
    client.force_login(setting["trainer"])
    url = reverse("learners_attendance_session", args=[setting["session"].pk])
    assert "Annuler la session et prévenir les inscrits" in client.get(url).content.decode()
    missing = client.post(url, {"cancel-session": "1", "reason": " "}, follow=True)
    assert "Indiquez le motif" in missing.content.decode()
    assert TrainingSession.objects.get(pk=setting["session"].pk).cancelled_at is None
    done = client.post(url, {"cancel-session": "1", "reason": "Salle indisponible."}, follow=True)
    assert "Session annulée : 3 agents sont prévenus" in done.content.decode()
    assert "Salle indisponible." in done.content.decode()


def test_cancellation_survives_publishing_an_older_draft(setting):
    """A draft of the module saved before the cancellation, published after it, does not
    bring the session back."""
    module = module_of(setting)
    draft = module.save_revision()
    sessions_services.cancel_session(
        session=setting["session"], cancelled_by=setting["trainer"], reason="Annulée"
    )
    draft.publish()
    assert TrainingSession.objects.get(pk=setting["session"].pk).cancelled_at is not None


def test_cancellation_date_change_tells_the_registered_agents(
    setting, django_capture_on_commit_callbacks
):
    module = module_of(setting)
    with django_capture_on_commit_callbacks(execute=True):
        module.save_revision().publish()  # first publication: the schedule is remembered
    assert not [m for m in mail.outbox if m.subject.startswith("Session modifiée")]
    sessions = list(module.sessions.all())
    (session,) = [s for s in sessions if s.pk == setting["session"].pk]
    session.start += datetime.timedelta(days=7)
    session.end += datetime.timedelta(days=7)
    session.location = "Salle 204"
    module.sessions = sessions  # the module's cluster, as the editor would post it
    with django_capture_on_commit_callbacks(execute=True):
        module.save_revision().publish()
    changed = [m for m in mail.outbox if m.subject.startswith("Session modifiée")]
    assert sorted(m.to[0] for m in changed) == sorted(a.email for a in setting["agents"])
    assert all("Salle 204" in m.body for m in changed)
    seats = [m for m in changed if m.attachments]
    assert len(seats) == 2 and all("METHOD:PUBLISH" in m.attachments[0][1] for m in seats)
    # Published again without a change: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        module_of(setting).save_revision().publish()
    assert len([m for m in mail.outbox if m.subject.startswith("Session modifiée")]) == 3
    assert timezone.now() < TrainingSession.objects.get(pk=session.pk).start
