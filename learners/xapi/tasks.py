"""The sender: drains the outbox into the LRS, queued after each commit that recorded
statements, and again at the next retry time when the LRS failed."""

from django.utils import timezone
from django_tasks import default_task_backend, task

from learners.xapi import sender
from learners.xapi.models import StatementOutbox


@task()
def send_pending_statements() -> dict:
    if not sender.enabled():
        return {"sent": 0, "failed": 0}
    drained = sender.send_pending()
    if drained.failed:
        _retry_later()
    return {"sent": drained.sent, "failed": drained.failed}


def _retry_later() -> None:
    """With a backend that runs tasks later (the database), come back when the next is due."""
    if not default_task_backend.supports_defer:
        return
    next_due = (
        StatementOutbox.objects.unsent()
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if next_due is not None:
        send_pending_statements.using(run_after=max(next_due, timezone.now())).enqueue()
