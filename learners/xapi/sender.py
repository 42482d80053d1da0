"""The drain of the outbox into the LRS.

Delivery is at least once and, thanks to our statement ids (UUID5 of the event), stored once:
rows are locked (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so that workers share the
backlog) and marked sent in the same transaction, after the LRS answered. A worker killed
between the two leaves them pending; the LRS ignores the identical statements sent again.
Failures are retried with exponential backoff (`next_attempt_at`).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learners.xapi import lrs
from learners.xapi.models import StatementOutbox

logger = logging.getLogger(__name__)

Status = StatementOutbox.Status
# Retries: 30 s, 1 min, 2 min… at most 6 hours apart.
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 6 * 3600


def enabled() -> bool:
    """xAPI is on and an LRS configured."""
    return bool(settings.XAPI_ENABLED and settings.XAPI_LRS_URL)


@dataclass
class Drained:
    sent: int = 0
    failed: int = 0
    batches: int = 0
    last_error: str = ""


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff after `attempts` failed attempts."""
    seconds = FIRST_RETRY_SECONDS * 2 ** max(0, attempts - 1)
    return datetime.timedelta(seconds=min(seconds, MAX_RETRY_SECONDS))


def send_pending(*, batch_size: int | None = None, limit: int | None = None, now=None) -> Drained:
    """Send due statements in batches until none is due, the LRS fails, or `limit` are sent."""
    batch_size = batch_size or settings.XAPI_BATCH_SIZE
    drained = Drained()
    while limit is None or drained.sent < limit:
        with transaction.atomic():
            rows = list(
                StatementOutbox.objects.due(now)
                .select_for_update(skip_locked=True)
                .only("pk", "statement", "attempts")[:batch_size]
            )
            if not rows:
                break
            drained.batches += 1
            ok = _deliver(rows, drained)
        if not ok:
            break  # the LRS is down or slow: the next attempt is scheduled
    return drained


def _deliver(rows: list[StatementOutbox], drained: Drained) -> bool:
    """POST `rows` (locked) and mark them; False when the LRS could not take them."""
    answer = lrs.post_statements([row.statement for row in rows])
    if answer.stored:
        _mark_sent(rows)
        drained.sent += len(rows)
        return True
    if (answer.conflict or answer.rejected) and len(rows) > 1:
        # The LRS takes a batch whole or not at all: find the statement at fault one by one.
        return all(_deliver([row], drained) for row in rows)
    if answer.conflict:
        # This id is already stored (sent before, with other content): nothing more to send.
        logger.warning("xAPI statement %s already stored with other content.", rows[0].pk)
        _mark_sent(rows)
        drained.sent += 1
        return True
    _mark_failed(rows, f"HTTP {answer.status}: {answer.text}" if answer.status else answer.text)
    drained.failed += len(rows)
    drained.last_error = rows[0].last_error
    return answer.rejected  # one bad statement does not stop the others


def _mark_sent(rows: list[StatementOutbox]) -> None:
    now = timezone.now()
    for row in rows:
        row.status, row.sent_at, row.last_error = Status.SENT, now, ""
        row.attempts += 1
    StatementOutbox.objects.bulk_update(rows, ["status", "sent_at", "last_error", "attempts"])


def _mark_failed(rows: list[StatementOutbox], error: str) -> None:
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.status, row.last_error = Status.FAILED, error
        row.next_attempt_at = now + retry_delay(row.attempts)
    StatementOutbox.objects.bulk_update(
        rows, ["status", "last_error", "attempts", "next_attempt_at"]
    )
    logger.warning("xAPI: %d statements not delivered: %s", len(rows), error)
