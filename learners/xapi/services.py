"""Writes of the xAPI capability: the outbox (`record`, in the event's transaction), erasure
(`forget_agent`) and the statements of a period queued again (`requeue`). The drain is
`learners.xapi.sender`, run by the task queued after each commit."""

from django.db import transaction
from django.utils import timezone

from learners.xapi import statements
from learners.xapi.models import StatementOutbox
from learners.xapi.sender import enabled
from learners.xapi.tasks import send_pending_statements

__all__ = ["enabled", "forget_agent", "record", "requeue"]

Status = StatementOutbox.Status


def record(built: list[dict], *, user=None) -> None:
    """Write statements to the outbox, in the caller's transaction (one INSERT).

    Nothing is written when xAPI is off, or for an inactive account (an erased agent: no
    statement ever again). Recording an event twice keeps one row (same id). After the
    transaction commits, the sender task is queued (a drain finds nothing to do when another
    has sent them).
    """
    if not built or not enabled() or (user is not None and not user.is_active):
        return
    now = timezone.now()
    StatementOutbox.objects.bulk_create(
        [
            StatementOutbox(
                statement_id=statement["id"],
                statement=statement,
                user=user,
                created_at=now,
                next_attempt_at=now,
            )
            for statement in built
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(_enqueue_sender, robust=True)


def _enqueue_sender() -> None:
    send_pending_statements.enqueue()


def forget_agent(*, user) -> int:
    """Erasure: no statement of `user` is sent any more.

    Statements not yet sent are deleted; each one already sent is voided by a voiding statement
    (xAPI §2.3.2), queued like the others. Returns how many were voided.
    """
    StatementOutbox.objects.filter(user=user).unsent().delete()
    sent = StatementOutbox.objects.filter(user=user, status=Status.SENT)
    now = timezone.now()
    voided = 0
    for chunk in _chunks(sent.values_list("statement", flat=True).iterator(), 1000):
        built = [statements.voiding(statement, at=now) for statement in chunk]
        voided += len(built)
        record(built)
    sent.update(user=None)
    return voided


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def requeue(built: list[dict]) -> int:
    """Put rebuilt statements (`rebuild.statements_between`) in the outbox again: new ones are
    added, known ones are sent again (the LRS ignores those it holds). Returns how many."""
    if not built:
        return 0
    now = timezone.now()
    with transaction.atomic():
        StatementOutbox.objects.bulk_create(
            [
                StatementOutbox(
                    statement_id=statement["id"], statement=statement, next_attempt_at=now
                )
                for statement in built
            ],
            ignore_conflicts=True,
        )
        StatementOutbox.objects.filter(statement_id__in=[s["id"] for s in built]).update(
            status=Status.PENDING, next_attempt_at=now
        )
    return len(built)
