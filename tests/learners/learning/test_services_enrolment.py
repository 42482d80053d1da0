"""Enrolment services: enrol (idempotent, prerequisites), abandon and re-enrol (progress kept)."""

import pytest

from courses.factories import publish
from learners.common.exceptions import AlreadyCompleted, MissingPrerequisites, NotEnrolled, NotFound
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment
from learners.sessions import services as sessions_services
from learners.sessions.models import SessionRegistration
from tests.learners.builders import learning_path, quiz_answers, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def path(module_db):
    return learning_path(title="Parcours d’inscription", session_module=True, capacity=1)


@pytest.fixture
def agent(db):
    return UserFactory()


def test_services_enrolment_enrol_creates_an_enrolment(agent, path):
    """A first enrolment is "inscrit", from the agent, dated, at 0 %."""
    enrolment = learning_services.enrol(user=agent, path=path)
    assert enrolment.created
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.origin == Enrolment.Origin.SELF
    assert enrolment.enrolled_at is not None
    assert (enrolment.progress_percent, enrolment.completed_minutes) == (0, 0)


def test_services_enrolment_enrol_twice_is_harmless(agent, path):
    """Enrolling twice returns the same enrolment and creates nothing."""
    first = learning_services.enrol(user=agent, path=path)
    second = learning_services.enrol(user=agent, path=path)
    assert second.pk == first.pk
    assert not second.created
    assert Enrolment.objects.filter(user=agent, path=path).count() == 1


def test_services_enrolment_assignment_marks_existing_enrolment(agent, path):
    """A manager's assignment turns an agent's own enrolment into an assigned one."""
    learning_services.enrol(user=agent, path=path)
    enrolment = learning_services.enrol(user=agent, path=path, origin=Enrolment.Origin.ASSIGNED)
    assert enrolment.origin == Enrolment.Origin.ASSIGNED
    assert Enrolment.objects.get(pk=enrolment.pk).origin == Enrolment.Origin.ASSIGNED


def test_services_enrolment_refused_with_missing_prerequisites(agent, path):
    """A path requiring another one refuses the enrolment, naming the missing path."""
    advanced = learning_path(title="Parcours avancé", published=False)
    advanced.prerequisites.add(path)
    publish(advanced)
    with pytest.raises(MissingPrerequisites) as refused:
        learning_services.enrol(user=agent, path=advanced)
    assert "« Parcours d’inscription »" in str(refused.value.message)
    assert refused.value.details["paths"] == [path]
    assert not Enrolment.objects.filter(user=agent, path=advanced).exists()

    Enrolment.objects.create(user=agent, path=path, status=Enrolment.Status.COMPLETED)
    assert learning_services.enrol(user=agent, path=advanced).created


def test_services_enrolment_unpublished_path_is_not_found(agent):
    """A draft path cannot be enrolled in."""
    draft = learning_path(published=False)
    with pytest.raises(NotFound):
        learning_services.enrol(user=agent, path=draft)


def test_services_enrolment_abandon_then_re_enrol_keeps_progress(agent, path):
    """Abandoning keeps completions; re-enrolling brings the progress back."""
    learning_services.enrol(user=agent, path=path)
    learning_services.complete_activity(user=agent, activity=_page(path, "Leçon 1"))
    before = Enrolment.objects.get(user=agent, path=path)

    abandoned = learning_services.abandon(user=agent, path=path)
    assert abandoned.status == Enrolment.Status.ABANDONED
    assert abandoned.abandoned_at is not None
    assert ActivityCompletion.objects.filter(user=agent, path=path).count() == 1
    assert (
        learning_services.abandon(user=agent, path=path).status == Enrolment.Status.ABANDONED
    )  # twice
    with pytest.raises(NotEnrolled):
        learning_services.complete_activity(user=agent, activity=_page(path, "Leçon 2"))

    again = learning_services.enrol(user=agent, path=path)
    assert again.created and again.pk == before.pk
    assert again.status == Enrolment.Status.IN_PROGRESS
    assert again.abandoned_at is None
    assert again.progress_percent == before.progress_percent > 0


def test_services_enrolment_abandon_cancels_upcoming_sessions(agent, path):
    """Leaving a path frees the agent's seat, which goes to the agent waiting."""
    waiting = UserFactory()
    session = session_of(path)
    for user in (agent, waiting):
        learning_services.enrol(user=user, path=path)
        sessions_services.register_for_session(user=user, session=session)
    learning_services.abandon(user=agent, path=path)
    statuses = dict(
        SessionRegistration.objects.filter(session=session).values_list("user", "status")
    )
    assert statuses == {
        agent.pk: SessionRegistration.Status.CANCELLED,
        waiting.pk: SessionRegistration.Status.CONFIRMED,
    }


def test_services_enrolment_completed_path_cannot_be_abandoned(agent):
    """A completed path stays completed."""
    short = learning_path(lessons=1)
    learning_services.enrol(user=agent, path=short)
    learning_services.complete_activity(user=agent, activity=_page(short, "Leçon 1"))
    quiz = _page(short, "Quiz des bases")
    learning_services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))
    with pytest.raises(AlreadyCompleted):
        learning_services.abandon(user=agent, path=short)


def test_services_enrolment_abandon_without_enrolment(agent, path):
    """Leaving a path one never joined is refused."""
    with pytest.raises(NotEnrolled):
        learning_services.abandon(user=agent, path=path)


def _page(path, title):
    from wagtail.models import Page

    return Page.objects.descendant_of(path).get(title=title).specific
