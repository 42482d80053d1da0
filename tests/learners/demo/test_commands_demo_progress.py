"""The demo's progress step: the demo agent part-way through a path, 200 agents with varied
progress, a nearly full session; running `create_demo` twice changes nothing."""

import time

import pytest
from django.core.management import call_command

from courses.demo import nearly_full_session
from learners.demo import organisation as demo
from learners.demo.progress import DEMO_AGENT_PATH, create_progress
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.sessions.models import SessionRegistration

pytestmark = pytest.mark.django_db


def counts():
    return (
        Enrolment.objects.count(),
        ActivityCompletion.objects.count(),
        QuizAttempt.objects.count(),
        SessionRegistration.objects.count(),
    )


def test_commands_demo_progress_idempotent_and_varied():
    """Progress for the demo agent and the 200 agents, once, in a second or two."""
    accounts = demo.create_organisation()
    for step in demo.extra_steps():
        started = time.monotonic()
        step(accounts)
        if step is create_progress:
            elapsed = time.monotonic() - started
    first = counts()
    call_command("create_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first

    agent = Enrolment.objects.get(user__email="agent@campus.example")
    assert agent.path.slug == DEMO_AGENT_PATH
    assert agent.status == Enrolment.Status.IN_PROGRESS
    assert 0 < agent.progress_percent < 100
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert {
        Enrolment.Status.ENROLLED,
        Enrolment.Status.IN_PROGRESS,
        Enrolment.Status.COMPLETED,
    } <= statuses
    assert (
        Enrolment.objects.filter(user__email__startswith="agent-").values("user").distinct().count()
        > 100
    )
    for enrolment in Enrolment.objects.completed()[:20]:
        assert (
            enrolment.progress_percent == 100
            and enrolment.completed_at
            and enrolment.completed_minutes
        )
    session = nearly_full_session()
    confirmed = SessionRegistration.objects.filter(session=session).confirmed().count()
    assert 0 < session.capacity - confirmed <= 2
    assert elapsed < 10  # bulk inserts: the catalogue's publication is what takes time
