"""Row locks that work the same on PostgreSQL and SQLite.

SQLite ignores `select_for_update()`, but it lets one transaction write at a time: a transaction
whose *first* statement is an UPDATE takes the database's write lock before reading anything,
so what it reads next cannot change under it. On PostgreSQL the same UPDATE takes the row's
lock until the end of the transaction, and concurrent transactions wait for it. Reads that
follow (in READ COMMITTED) see what the previous holder committed. One design, both backends.

The UPDATE returns the row it locked (`RETURNING`, PostgreSQL and SQLite ≥ 3.35): the lock and
the read are one statement. On PostgreSQL, a transaction that waited for the lock gets the row
as its holder committed it (the UPDATE re-reads a row changed meanwhile).
"""

from django.db import connection
from django.utils import timezone

from learners.common.exceptions import NotEnrolled
from learners.learning.models import Enrolment


def lock_enrolment(user, path, *, allow_abandoned: bool = False) -> Enrolment:
    """Lock the agent's enrolment in `path` (touching `last_activity_at`) and return it, with
    its `user` and `path` set to the objects given (no query to follow them).

    Serialises everything that changes one agent's progress in one path (two tabs, double
    clicks). Raises `NotEnrolled` when there is no active enrolment.
    """
    now = timezone.now()
    if connection.features.can_return_columns_from_insert:
        enrolment = _update_returning(user.pk, path.pk, now, allow_abandoned=allow_abandoned)
    else:  # pragma: no cover - SQLite before 3.35: the same lock, then the read
        enrolments = Enrolment.objects.filter(user=user, path=path)
        if not allow_abandoned:
            enrolments = enrolments.active()
        enrolment = enrolments.get() if enrolments.update(last_activity_at=now) else None
    if enrolment is None:
        raise NotEnrolled()
    enrolment.user = user
    if isinstance(path, Enrolment.path.field.related_model):  # not a page of another type
        enrolment.path = path
    return enrolment


def _update_returning(user_id: int, path_id: int, now, *, allow_abandoned: bool):
    """`UPDATE … SET last_activity_at, updated_at … RETURNING *`, as `Enrolment.objects.update`
    stamps `updated_at`; the enrolment, or None."""
    meta, quote = Enrolment._meta, connection.ops.quote_name
    names = ("user", "path", "status", "last_activity_at", "updated_at")
    column = {name: quote(meta.get_field(name).column) for name in names}
    returned = ", ".join(quote(field.column) for field in meta.concrete_fields)
    # Names from the model's metadata, values as parameters.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {column['last_activity_at']} = %s, "  # noqa: S608
        f"{column['updated_at']} = %s WHERE {column['user']} = %s AND {column['path']} = %s"
    )
    stamp = connection.ops.adapt_datetimefield_value(now)
    params = [stamp, stamp, user_id, path_id]
    if not allow_abandoned:
        sql += f" AND {column['status']} <> %s"
        params.append(Enrolment.Status.ABANDONED)
    rows = list(Enrolment.objects.raw(f"{sql} RETURNING {returned}", params))
    return rows[0] if rows else None
