"""Session services: seats and waitlist, cancellation and promotion, deadline, attendance."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from courses.factories import TrainingSessionFactory
from courses.models import CoursePage
from learners.accounts.permissions import TRAINERS_GROUP
from learners.common.exceptions import (
    AlreadyRegisteredForModule,
    NotAllowed,
    NotEnrolled,
    RegistrationClosed,
)
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment
from learners.sessions import services as sessions_services
from learners.sessions.models import SessionRegistration
from learners.sessions.selectors import waitlist_position
from tests.learners.builders import learning_path, past_session, session_of

pytestmark = pytest.mark.django_db

Status = SessionRegistration.Status


@pytest.fixture(scope="module")
def path(module_db):
    trainer = UserFactory(email="formatrice-sessions@campus.example")
    trainer.groups.add(Group.objects.get(name=TRAINERS_GROUP))
    return learning_path(
        title="Parcours avec atelier", session_module=True, capacity=2, trainer=trainer
    )


@pytest.fixture
def session(db, path):
    return session_of(path)


def enrolled_agents(path, count):
    agents = UserFactory.create_batch(count)
    for agent in agents:
        learning_services.enrol(user=agent, path=path)
    return agents


def test_services_sessions_seats_then_waitlist(path, session):
    """The first agents get the seats, the next ones a numbered place on the waitlist."""
    agents = enrolled_agents(path, 4)
    registrations = [
        sessions_services.register_for_session(user=a, session=session) for a in agents
    ]
    assert [r.status for r in registrations] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert [waitlist_position(r) for r in registrations[2:]] == [1, 2]
    assert Enrolment.objects.get(user=agents[0], path=path).status == Enrolment.Status.IN_PROGRESS


def test_services_sessions_register_twice_is_harmless(path, session):
    """Registering again returns the same registration."""
    (agent,) = enrolled_agents(path, 1)
    first = sessions_services.register_for_session(user=agent, session=session)
    again = sessions_services.register_for_session(user=agent, session=session)
    assert again.pk == first.pk
    assert SessionRegistration.objects.filter(user=agent).count() == 1


def test_services_sessions_cancel_promotes_first_waiting(
    path, session, mailoutbox, django_capture_on_commit_callbacks
):
    """Cancelling a seat confirms the first agent waiting, who is told by e-mail."""
    first, second, third, fourth = enrolled_agents(path, 4)
    registrations = {
        a: sessions_services.register_for_session(user=a, session=session)
        for a in (first, second, third, fourth)
    }
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = sessions_services.cancel_registration(
            user=first, registration=registrations[first]
        )
    assert cancelled.status == Status.CANCELLED and cancelled.cancelled_at
    promoted = SessionRegistration.objects.get(pk=registrations[third].pk)
    assert (promoted.status, promoted.promoted_at is not None) == (Status.CONFIRMED, True)
    assert waitlist_position(SessionRegistration.objects.get(pk=registrations[fourth].pk)) == 1
    # The agent who cancelled is told (with the event's cancellation), then the one promoted.
    assert [m.to for m in mailoutbox] == [[first.email], [third.email]]
    assert "Inscription annulée" in mailoutbox[0].subject
    assert "place s’est libérée" in mailoutbox[1].subject
    assert SessionRegistration.objects.filter(session=session).confirmed().count() == 2

    again = sessions_services.cancel_registration(user=first, registration=registrations[first])
    assert again.status == Status.CANCELLED  # twice is harmless


def test_services_sessions_cancelling_a_waitlisted_place_promotes_nobody(path, session):
    """Leaving the waitlist frees no seat."""
    agents = enrolled_agents(path, 3)
    registrations = [
        sessions_services.register_for_session(user=a, session=session) for a in agents
    ]
    sessions_services.cancel_registration(user=agents[2], registration=registrations[2])
    assert SessionRegistration.objects.filter(session=session).confirmed().count() == 2


def test_services_sessions_register_again_after_cancelling_goes_to_the_back(path, session):
    """An agent who cancels and registers again waits behind those already waiting."""
    agents = enrolled_agents(path, 4)
    registrations = [
        sessions_services.register_for_session(user=a, session=session) for a in agents
    ]
    sessions_services.cancel_registration(user=agents[2], registration=registrations[2])
    again = sessions_services.register_for_session(user=agents[2], session=session)
    assert again.pk == registrations[2].pk
    assert (again.status, waitlist_position(again)) == (Status.WAITLISTED, 2)


def test_services_sessions_registration_closes_at_deadline(path, session):
    """After the deadline, registering is refused."""
    (agent,) = enrolled_agents(path, 1)
    session.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    with pytest.raises(RegistrationClosed):
        sessions_services.register_for_session(user=agent, session=session)


def test_services_sessions_require_enrolment(db, session):
    """An agent who is not enrolled in the path cannot register."""
    with pytest.raises(NotEnrolled):
        sessions_services.register_for_session(user=UserFactory(), session=session)


def test_services_sessions_one_session_per_module(path, session):
    """An agent holds one session of a module at a time."""
    (agent,) = enrolled_agents(path, 1)
    other = TrainingSessionFactory(
        course=session.course, start=session.start + datetime.timedelta(days=7)
    )
    sessions_services.register_for_session(user=agent, session=session)
    with pytest.raises(AlreadyRegisteredForModule):
        sessions_services.register_for_session(user=agent, session=other)


def test_services_sessions_cannot_cancel_after_start(path):
    """Once the session has started, the registration stays."""
    (agent,) = enrolled_agents(path, 1)
    started = past_session(CoursePage.objects.get(title="Atelier", path__startswith=path.path))
    registration = SessionRegistration.objects.create(
        user=agent, session=started, status=Status.CONFIRMED
    )
    with pytest.raises(RegistrationClosed):
        sessions_services.cancel_registration(user=agent, registration=registration)


def test_services_sessions_larger_capacity_promotes_waiting(path, session):
    """Raising the capacity gives the new seats to the agents waiting."""
    agents = enrolled_agents(path, 3)
    for agent in agents:
        sessions_services.register_for_session(user=agent, session=session)
    session.capacity = 3
    session.save()
    promoted = sessions_services.promote_waitlist(session=session)
    assert [r.user_id for r in promoted] == [agents[2].pk]


def test_services_sessions_attendance_completes_the_session_activity(path):
    """Marking an agent present completes the module's session activity; unmarking undoes it."""
    attending, absent = enrolled_agents(path, 2)
    course = CoursePage.objects.get(title="Atelier", path__startswith=path.path)
    held = past_session(course, trainer=session_of(path).trainer)
    present = SessionRegistration.objects.create(
        user=attending, session=held, status=Status.CONFIRMED
    )
    SessionRegistration.objects.create(user=absent, session=held, status=Status.CONFIRMED)

    assert (
        sessions_services.mark_attendance(
            session=held, present=[present.pk], marked_by=held.trainer
        )
        == 2
    )
    assert dict(
        SessionRegistration.objects.filter(session=held).values_list("user", "attended")
    ) == {
        attending.pk: True,
        absent.pk: False,
    }
    assert ActivityCompletion.objects.filter(user=attending, activity=course).exists()
    assert not ActivityCompletion.objects.filter(user=absent).exists()
    assert Enrolment.objects.get(user=attending, path=path).completed_minutes == 180

    sessions_services.mark_attendance(session=held, present=[], marked_by=held.trainer)
    assert not ActivityCompletion.objects.filter(user=attending, activity=course).exists()
    assert Enrolment.objects.get(user=attending, path=path).completed_minutes == 0


def test_services_sessions_attendance_by_another_trainer_is_refused(path):
    """Only the session's trainer (or an administrator) marks attendance."""
    course = CoursePage.objects.get(title="Atelier", path__startswith=path.path)
    held = past_session(course, trainer=session_of(path).trainer)
    other = UserFactory(groups=[Group.objects.get(name=TRAINERS_GROUP)])
    with pytest.raises(NotAllowed):
        sessions_services.mark_attendance(session=held, present=[], marked_by=other)
