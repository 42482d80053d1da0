"""Progress services: idempotent completions, stored percentages and hours, path completion and
its event, and what happens when the published structure changes."""

import pytest
from wagtail.models import Page

from courses.factories import LessonFactory, publish
from learners.common.exceptions import NotEnrolled, NotFound
from learners.factories import UserFactory
from learners.learning import selectors, services
from learners.learning.models import ActivityCompletion, Enrolment
from learners.learning.signals import enrolment_completed
from tests.learners.builders import learning_path, quiz_answers

pytestmark = pytest.mark.django_db


def page(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


@pytest.fixture(scope="module")
def path(module_db):
    """Two required lessons, an optional one and a quiz (three required activities)."""
    return learning_path(title="Parcours de progression", optional_lesson=True)


@pytest.fixture
def enrolled(db, path):
    agent = UserFactory()
    services.enrol(user=agent, path=path)
    return agent


@pytest.fixture
def completions():
    """Collect `enrolment_completed` events."""
    received = []

    def receiver(sender, enrolment, **kwargs):
        received.append(enrolment)

    enrolment_completed.connect(receiver, dispatch_uid="test_progress_receiver")
    yield received
    enrolment_completed.disconnect(dispatch_uid="test_progress_receiver")


def finish(agent, path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("Leçon 1", "Leçon 2"):
            services.complete_activity(user=agent, activity=page(path, title))
        quiz = page(path, "Quiz des bases")
        services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))


def test_services_progress_complete_lesson_updates_enrolment(enrolled, path):
    """A completed lesson counts in the percentage and the hours, and starts the path."""
    completion = services.complete_activity(user=enrolled, activity=page(path, "Leçon 1"))
    assert (completion.path_id, completion.duration_minutes) == (path.pk, 20)
    enrolment = Enrolment.objects.get(user=enrolled, path=path)
    assert enrolment.status == Enrolment.Status.IN_PROGRESS
    assert enrolment.started_at is not None
    assert enrolment.progress_percent == 33  # 1 of 3 required, rounded down
    assert enrolment.completed_minutes == 20


def test_services_progress_complete_twice_keeps_one_row(enrolled, path):
    """A repeat or a double click records the completion once."""
    lesson = page(path, "Leçon 1")
    first = services.complete_activity(user=enrolled, activity=lesson)
    second = services.complete_activity(user=enrolled, activity=lesson)
    assert first.pk == second.pk
    assert ActivityCompletion.objects.filter(user=enrolled, activity=lesson).count() == 1
    assert Enrolment.objects.get(user=enrolled, path=path).completed_minutes == 20


def test_services_progress_optional_activity_counts_hours_not_percent(enrolled, path):
    """An optional lesson adds training time but not percentage."""
    services.complete_activity(user=enrolled, activity=page(path, "Pour aller plus loin"))
    enrolment = Enrolment.objects.get(user=enrolled, path=path)
    assert (enrolment.progress_percent, enrolment.completed_minutes) == (0, 15)


def test_services_progress_requires_enrolment(db, path):
    """An agent who is not enrolled records nothing."""
    stranger = UserFactory()
    with pytest.raises(NotEnrolled):
        services.complete_activity(user=stranger, activity=page(path, "Leçon 1"))
    assert not ActivityCompletion.objects.filter(user=stranger).exists()


def test_services_progress_unpublished_activity_is_not_found(enrolled, path):
    """A draft lesson of the path cannot be completed."""
    module = page(path, "Les bases")
    draft = LessonFactory(parent=module, title="Brouillon")
    with pytest.raises(NotFound):
        services.complete_activity(user=enrolled, activity=draft)


def test_services_progress_completing_every_required_activity_completes_the_path(
    enrolled, path, completions, django_capture_on_commit_callbacks
):
    """The last required activity marks the enrolment "terminé" and sends the event once."""
    finish(enrolled, path, django_capture_on_commit_callbacks)
    enrolment = Enrolment.objects.get(user=enrolled, path=path)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at is not None
    assert enrolment.progress_percent == 100
    assert enrolment.completed_minutes == 50  # two lessons of 20 and a quiz of 10
    assert [e.pk for e in completions] == [enrolment.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.complete_activity(user=enrolled, activity=page(path, "Pour aller plus loin"))
    assert len(completions) == 1  # not sent again
    assert Enrolment.objects.get(pk=enrolment.pk).completed_minutes == 65


def test_services_progress_event_after_commit_only(enrolled, path, completions):
    """Nothing is sent while the transaction is open (the certificate reads committed data)."""
    for title in ("Leçon 1", "Leçon 2"):
        services.complete_activity(user=enrolled, activity=page(path, title))
    quiz = page(path, "Quiz des bases")
    services.submit_quiz(user=enrolled, quiz=quiz, answers=quiz_answers(quiz))
    assert completions == []


def test_services_progress_content_added_later_keeps_completion(
    db, django_capture_on_commit_callbacks
):
    """A lesson published after completion lowers an ongoing agent's percentage, not a
    completed agent's status."""
    short = learning_path(title="Parcours qui grandit")
    done, ongoing = UserFactory(), UserFactory()
    for agent in (done, ongoing):
        services.enrol(user=agent, path=short)
    finish(done, short, django_capture_on_commit_callbacks)
    services.complete_activity(user=ongoing, activity=page(short, "Leçon 1"))
    assert Enrolment.objects.get(user=ongoing, path=short).progress_percent == 33

    with django_capture_on_commit_callbacks(execute=True):
        new = LessonFactory(parent=page(short, "Les bases"), title="Nouvelle leçon")
        publish(new)
    completed = Enrolment.objects.get(user=done, path=short)
    assert (completed.status, completed.progress_percent) == (Enrolment.Status.COMPLETED, 100)
    assert Enrolment.objects.get(user=ongoing, path=short).progress_percent == 25
    progress = selectors.PathProgress(
        short.get_outline(), selectors.completed_activity_ids(done, short)
    )
    assert progress.percent == 75  # the live figure shows the new lesson


def test_services_progress_unpublished_activity_can_complete_the_path(
    db, completions, django_capture_on_commit_callbacks
):
    """Unpublishing the last missing activity completes the enrolments that did the rest."""
    short = learning_path(title="Parcours qui rétrécit", quiz=False)
    agent = UserFactory()
    services.enrol(user=agent, path=short)
    services.complete_activity(user=agent, activity=page(short, "Leçon 1"))
    with django_capture_on_commit_callbacks(execute=True):
        page(short, "Leçon 2").unpublish()
    enrolment = Enrolment.objects.get(user=agent, path=short)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert [e.pk for e in completions] == [enrolment.pk]


def test_services_progress_module_percentages(enrolled, path):
    """Module and path percentages count the required activities of the published structure."""
    services.complete_activity(user=enrolled, activity=page(path, "Leçon 1"))
    services.complete_activity(user=enrolled, activity=page(path, "Leçon 2"))
    progress = selectors.PathProgress(
        path.get_outline(), selectors.completed_activity_ids(enrolled, path)
    )
    assert progress.percent == 66
    assert [m.percent for m in progress.modules] == [66]
    assert progress.first_not_completed().title == "Quiz des bases"
