"""A task lost with its worker is run again, and its work is done exactly once.

The worker (`db_worker`) claims a task (status "running") before running it; killed at that
moment (kill -9), it leaves the row running for ever and the work undone. `requeue_stuck_tasks`,
run by the clock, puts tasks running past TASK_STUCK_AFTER_MINUTES back in the queue; the next
worker runs them; running it again changes nothing more (the tasks are idempotent).
"""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from learners.factories import EnrolmentFactory
from learners.learning.tasks import send_enrolment_confirmed
from tests.learners.builders import learning_path

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    """The worker closes stale connections between tasks; here the connection holds the test's
    transaction, so it is kept (everything else the worker does runs as in production)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    """What `manage.py db_worker` does, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def confirmations(enrolment) -> int:
    return sum(1 for message in mail.outbox if enrolment.user.email in message.to)


@override_settings(TASKS=DATABASE_TASKS, TASK_STUCK_AFTER_MINUTES=30)
def test_tasks_stuck_killed_worker_task_runs_again_exactly_once(client):
    enrolment = EnrolmentFactory(path=learning_path())
    mail.outbox.clear()
    result = send_enrolment_confirmed.enqueue(enrolment.pk, "v1")
    row = DBTaskResult.objects.get(pk=result.id)
    # The worker claims it, then is killed before running it.
    row.claim("worker-killed")
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    run_worker()  # another worker: a running task is not its business
    assert confirmations(enrolment) == 0
    assert client.get("/healthz").json()["tasks"]["stuck"] == 1

    call_command("requeue_stuck_tasks", verbosity=0)
    assert DBTaskResult.objects.get(pk=row.pk).status == TaskResultStatus.READY
    run_worker()
    assert confirmations(enrolment) == 1
    assert DBTaskResult.objects.get(pk=row.pk).status == TaskResultStatus.SUCCESSFUL

    # A duplicate run (the task had in fact sent its e-mail before the worker died) adds nothing.
    send_enrolment_confirmed.enqueue(enrolment.pk, "v1")
    call_command("requeue_stuck_tasks", verbosity=0)
    run_worker()
    assert confirmations(enrolment) == 1
    assert client.get("/healthz").json()["tasks"] == {
        "backend": "database",
        "status": "ok",
        "queued": 0,
        "oldest_queued_seconds": 0,
        "stuck": 0,
    }


@override_settings(TASKS=DATABASE_TASKS, TASK_STUCK_AFTER_MINUTES=30)
def test_tasks_stuck_a_task_running_briefly_is_left_alone():
    enrolment = EnrolmentFactory(path=learning_path())
    result = send_enrolment_confirmed.enqueue(enrolment.pk, "v1")
    DBTaskResult.objects.get(pk=result.id).claim("worker-busy")
    call_command("requeue_stuck_tasks", verbosity=0)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING


@override_settings(TASKS=DATABASE_TASKS)
def test_tasks_stuck_healthz_reports_the_oldest_queued_task(client):
    enrolment = EnrolmentFactory(path=learning_path())
    result = send_enrolment_confirmed.enqueue(enrolment.pk, "v1")
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    tasks = client.get("/healthz").json()["tasks"]
    assert tasks["queued"] == DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    assert 300 <= tasks["oldest_queued_seconds"] < 330
