"""Concurrency on PostgreSQL, with real threads, each on its own database connection.

SQLite serialises every write and cannot run these scenarios with several connections on an
in-memory test database, so the module is skipped there; CI runs it on PostgreSQL
(`DATABASE_URL=postgres://… pytest tests/learners`).
"""

import pytest
from django.db import connection
from wagtail.models import Page

from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.sessions import services as sessions_services
from learners.sessions.models import SessionRegistration
from learners.sessions.selectors import waitlist_positions
from tests.concurrency import run_together
from tests.learners.builders import learning_path, quiz_answers, session_of

pytestmark = [
    # Transactional: each thread commits. Restore what data migrations created after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_migrated_content"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite ignores row locks and serialises all writes",
    ),
]

Status = SessionRegistration.Status


def page(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


def test_concurrency_fifty_registrations_for_ten_seats():
    """50 simultaneous registrations for 10 seats: exactly 10 confirmed and 40 waiting, with
    waitlist positions 1 to 40."""
    path = learning_path(
        title="Parcours très demandé", quiz=False, session_module=True, capacity=10
    )
    session = session_of(path)
    agents = UserFactory.create_batch(50)
    for agent in agents:
        learning_services.enrol(user=agent, path=path)

    results = run_together(
        50, lambda i: sessions_services.register_for_session(user=agents[i], session=session)
    )

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    registrations = list(SessionRegistration.objects.filter(session=session))
    statuses = [r.status for r in registrations]
    assert (statuses.count(Status.CONFIRMED), statuses.count(Status.WAITLISTED)) == (10, 40)
    waitlist_positions(registrations)
    assert sorted(
        r.waitlist_position for r in registrations if r.status == Status.WAITLISTED
    ) == list(range(1, 41))


def test_concurrency_cancellations_and_registrations_never_overbook():
    """Cancellations and new registrations at the same time keep the confirmed count at the
    capacity, with the freed seats given to agents waiting."""
    path = learning_path(
        title="Parcours en mouvement", quiz=False, session_module=True, capacity=10
    )
    session = session_of(path)
    agents = UserFactory.create_batch(30)
    for agent in agents:
        learning_services.enrol(user=agent, path=path)
    first = [
        sessions_services.register_for_session(user=agent, session=session) for agent in agents[:20]
    ]

    def work(index):
        if index < 5:  # five confirmed agents cancel
            return sessions_services.cancel_registration(
                user=agents[index], registration=first[index]
            )
        return sessions_services.register_for_session(user=agents[15 + index], session=session)

    results = run_together(15, work)
    assert not [r for r in results if isinstance(r, Exception)]
    assert SessionRegistration.objects.filter(session=session).confirmed().count() == 10
    assert SessionRegistration.objects.filter(session=session).waitlisted().count() == 15


def test_concurrency_same_completion_from_many_tabs():
    """The same lesson completed from ten tabs at once: one row, one percentage."""
    path = learning_path(title="Parcours à onglets", quiz=False)
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    lesson = page(path, "Leçon 1")

    results = run_together(
        10, lambda i: learning_services.complete_activity(user=agent, activity=lesson)
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert ActivityCompletion.objects.filter(user=agent, activity=lesson).count() == 1
    enrolment = Enrolment.objects.get(user=agent, path=path)
    assert (enrolment.progress_percent, enrolment.completed_minutes) == (50, 20)


def test_concurrency_different_completions_at_once_lose_nothing():
    """Two lessons and the quiz completed at the same moment: all recorded, path completed."""
    path = learning_path(title="Parcours en parallèle")
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    quiz = page(path, "Quiz des bases")
    answers = quiz_answers(quiz)
    steps = [
        lambda: learning_services.complete_activity(user=agent, activity=page(path, "Leçon 1")),
        lambda: learning_services.complete_activity(user=agent, activity=page(path, "Leçon 2")),
        lambda: learning_services.submit_quiz(user=agent, quiz=quiz, answers=answers),
    ]

    results = run_together(3, lambda i: steps[i]())

    assert not [r for r in results if isinstance(r, Exception)]
    enrolment = Enrolment.objects.get(user=agent, path=path)
    assert (enrolment.status, enrolment.progress_percent) == (Enrolment.Status.COMPLETED, 100)
    assert enrolment.completed_minutes == 50
    assert QuizAttempt.objects.filter(user=agent).count() == 1


def test_concurrency_enrol_twice_at_once():
    """Two simultaneous clicks on "S'inscrire" make one enrolment."""
    path = learning_path(title="Parcours au double clic", quiz=False)
    agent = UserFactory()

    results = run_together(8, lambda i: learning_services.enrol(user=agent, path=path))

    assert not [r for r in results if isinstance(r, Exception)]
    assert Enrolment.objects.filter(user=agent, path=path).count() == 1
    assert sum(1 for r in results if r.created) == 1
