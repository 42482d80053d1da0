"""Reads of the xAPI capability: the outbox's state, for the administrators' admin page."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q

from learners.xapi.models import StatementOutbox

Status = StatementOutbox.Status


@dataclass(frozen=True)
class OutboxState:
    sent: int
    pending: int
    failing: int
    oldest_pending_at: datetime | None
    next_attempt_at: datetime | None
    last_error: str
    last_error_at: datetime | None
    last_sent_at: datetime | None


def outbox_state() -> OutboxState:
    """Counts by status, the oldest statement waiting, the last error (three queries)."""
    figures = StatementOutbox.objects.aggregate(
        sent=Count("pk", filter=Q(status=Status.SENT)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        failing=Count("pk", filter=Q(status=Status.FAILED)),
        oldest=Min("created_at", filter=~Q(status=Status.SENT)),
        next_attempt=Min("next_attempt_at", filter=~Q(status=Status.SENT)),
    )
    failed = (
        StatementOutbox.objects.filter(status=Status.FAILED)
        .order_by("-next_attempt_at")
        .values("last_error", "next_attempt_at")
        .first()
    )
    last_sent = (
        StatementOutbox.objects.filter(status=Status.SENT)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    return OutboxState(
        sent=figures["sent"],
        pending=figures["pending"],
        failing=figures["failing"],
        oldest_pending_at=figures["oldest"],
        next_attempt_at=figures["next_attempt"],
        last_error=failed["last_error"] if failed else "",
        last_error_at=failed["next_attempt_at"] if failed else None,
        last_sent_at=last_sent,
    )
