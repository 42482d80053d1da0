"""Row locks that work the same on PostgreSQL and SQLite.

SQLite ignores `select_for_update()`, but it lets one transaction write at a time: a transaction
whose *first* statement is an UPDATE takes the database's write lock before reading anything,
so what it reads next cannot change under it. On PostgreSQL the same UPDATE takes the row's
lock until the end of the transaction, and concurrent transactions wait for it. Reads that
follow (in READ COMMITTED) see what the previous holder committed. One design, both backends.
"""

from django.utils import timezone

from learners.common.exceptions import NotEnrolled
from learners.learning.models import Enrolment


def lock_enrolment(user, path, *, allow_abandoned: bool = False) -> Enrolment:
    """Lock the agent's enrolment in `path` (touching `last_activity_at`) and return it.

    Serialises everything that changes one agent's progress in one path (two tabs, double
    clicks). Raises `NotEnrolled` when there is no active enrolment.
    """
    enrolments = Enrolment.objects.filter(user=user, path=path)
    if not allow_abandoned:
        enrolments = enrolments.active()
    if not enrolments.update(last_activity_at=timezone.now()):
        raise NotEnrolled()
    return enrolments.get()
