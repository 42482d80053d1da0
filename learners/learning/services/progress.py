"""Progress: recording completed activities and keeping each enrolment's figures in step.

An enrolment's `progress_percent` counts the required activities of the path's currently
published structure; `completed_minutes` sums the durations of the agent's completed activities
in the path. Completing every required activity marks the enrolment "terminé" and sends
`learners.learning.signals.enrolment_completed` after commit. A completion, once reached, is
kept: content added later lowers nobody's status back.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.signals import post_save
from django.utils import timezone

from courses.selectors import Outline, OutlineActivity, path_outline
from learners.common.exceptions import NotFound
from learners.learning import selectors
from learners.learning.models import ActivityCompletion, Enrolment
from learners.learning.services.locks import lock_enrolment
from learners.learning.signals import enrolment_completed, enrolment_completing


def complete_activity(*, user, activity) -> ActivityCompletion:
    """Record that `user` completed `activity` (a lesson, a quiz, or a session module).

    Idempotent: a repeat, a double click or two tabs at once leave exactly one row. Requires an
    active enrolment in the activity's path (`NotEnrolled`) and a live activity (`NotFound`).
    The completion returned carries `enrolment`, the agent's enrolment as it now stands, and
    `completed_the_path`, true when this call completed the path.

    Four statements: the enrolment locked and read (one UPDATE … RETURNING), the completion
    inserted unless it exists, the figures, the enrolment's update (docs/performance.md).
    """
    path = selectors.path_of(activity)
    if path is None or not path.live:
        raise NotFound()
    outline = path_outline(path)
    entry = selectors.outline_entry(outline, activity.pk)
    if entry is None:
        raise NotFound()
    with transaction.atomic():
        enrolment = lock_enrolment(user, path)
        was_completed = enrolment.is_completed
        completion = record_locked_completion(user=user, entry=entry, path=path)
        completion.enrolment = refresh_enrolment(enrolment, outline)
    completion.completed_the_path = enrolment.is_completed and not was_completed
    return completion


def record_locked_completion(*, user, entry: OutlineActivity, path) -> ActivityCompletion:
    """`record_completion` for a caller holding the enrolment's lock (`lock_enrolment`): every
    other completion of this agent in this path waits for it. One statement when the row is
    new (`INSERT … ON CONFLICT DO NOTHING RETURNING`, no savepoint, no read first), a read
    when it existed. A new row sends `post_save` as `create()` would (the xAPI outbox's
    statement is written there, in this transaction)."""
    completion = ActivityCompletion(
        user=user,
        activity_id=entry.id,
        path=path,
        duration_minutes=entry.duration_minutes,
        completed_at=timezone.now(),
    )
    if connection.features.can_return_columns_from_insert:
        completion.pk = _insert_unless_exists(completion)
    else:  # pragma: no cover - SQLite before 3.35
        return record_completion(user=user, entry=entry, path=path)
    if completion.pk is None:
        return ActivityCompletion.objects.get(user=user, activity_id=entry.id)
    completion._state.adding, completion._state.db = False, connection.alias
    # The receivers (the xAPI statement) describe the activity from the outline already read:
    # inside this transaction the outline's cache is off (4 queries to build it again).
    completion.outline_entry = entry
    post_save.send(
        sender=ActivityCompletion,
        instance=completion,
        created=True,
        update_fields=None,
        raw=False,
        using=connection.alias,
    )
    return completion


def _insert_unless_exists(completion: ActivityCompletion) -> int | None:
    """The new row's id, or None when the agent had completed the activity already (the
    unique constraint on agent and activity)."""
    meta, quote = ActivityCompletion._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in ("user", "activity", "path")]
    fields += [meta.get_field("duration_minutes"), meta.get_field("completed_at")]
    values = [
        field.get_db_prep_save(getattr(completion, field.attname), connection) for field in fields
    ]
    # Names from the model's metadata, values as parameters.
    columns, markers = ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({markers}) "  # noqa: S608
        f"ON CONFLICT DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    return row[0] if row else None


def record_completion(*, user, entry: OutlineActivity, path) -> ActivityCompletion:
    """Insert the completion row unless it exists (safe against a concurrent insert)."""
    try:
        completion, _created = ActivityCompletion.objects.get_or_create(
            user=user,
            activity_id=entry.id,
            defaults={"path": path, "duration_minutes": entry.duration_minutes},
        )
    except IntegrityError:  # pragma: no cover - get_or_create already retries the read
        completion = ActivityCompletion.objects.get(user=user, activity_id=entry.id)
    return completion


def _figures(user_id: int, path_id: int, required_ids) -> tuple[int, int, int]:
    """(required activities done, completed minutes, any completion) in one query."""
    figures = ActivityCompletion.objects.filter(user_id=user_id, path_id=path_id).aggregate(
        done=Count("pk", filter=Q(activity_id__in=list(required_ids))),
        minutes=Sum("duration_minutes"),
        total=Count("pk"),
    )
    return figures["done"], figures["minutes"] or 0, figures["total"]


def refresh_enrolment(
    enrolment: Enrolment, outline: Outline, *, started: bool = False
) -> Enrolment:
    """Recompute the stored figures of one (locked) enrolment and apply status transitions."""
    required = outline.required_activity_ids
    done, minutes, total = _figures(enrolment.user_id, enrolment.path_id, required)
    _apply(enrolment, done=done, required=len(required), minutes=minutes, started=started or total)
    return enrolment


def _apply(enrolment: Enrolment, *, done: int, required: int, minutes: int, started) -> None:
    now = timezone.now()
    Status = Enrolment.Status
    changes = {"completed_minutes": minutes}
    if enrolment.status == Status.COMPLETED:
        changes["progress_percent"] = 100  # a completion reached is kept
    else:
        changes["progress_percent"] = selectors.percent(done, required)
        if started and enrolment.status == Status.ENROLLED:
            changes["status"] = Status.IN_PROGRESS
        if started and enrolment.started_at is None:
            changes["started_at"] = now
        if enrolment.status != Status.ABANDONED and required and done >= required:
            changes.update(status=Status.COMPLETED, completed_at=now, progress_percent=100)
            changes.setdefault("started_at", enrolment.started_at or now)
            transaction.on_commit(
                lambda: enrolment_completed.send(sender=Enrolment, enrolment=enrolment)
            )
    if any(getattr(enrolment, name) != value for name, value in changes.items()):
        Enrolment.objects.filter(pk=enrolment.pk).update(**changes)
        for name, value in changes.items():
            setattr(enrolment, name, value)
    if changes.get("status") == Status.COMPLETED:
        enrolment_completing.send(sender=Enrolment, enrolment=enrolment)


def refresh_path_progress(*, path) -> int:
    """Recompute every active enrolment of `path` after its published structure changed.

    Runs in one transaction with a constant number of queries plus one UPDATE per changed
    enrolment; enrolments that now have every required activity done are completed (and their
    event sent). Returns the number of enrolments changed.
    """
    if not Enrolment.objects.filter(path=path).active().exists():
        return 0  # a new path, being published: nothing to recompute
    outline = path_outline(path)
    required = outline.required_activity_ids
    with transaction.atomic():
        enrolments = Enrolment.objects.filter(path=path).active()
        # Lock first (see _locks): completions recorded meanwhile wait for the new figures.
        enrolments.update(progress_percent=F("progress_percent"), updated_at=F("updated_at"))
        figures = {
            row["user_id"]: row
            for row in ActivityCompletion.objects.filter(path=path)
            .values("user_id")
            .annotate(
                done=Count("pk", filter=Q(activity_id__in=list(required))),
                minutes=Sum("duration_minutes"),
            )
        }
        changed = 0
        for enrolment in enrolments:
            row = figures.get(enrolment.user_id, {"done": 0, "minutes": 0})
            before = (enrolment.status, enrolment.progress_percent, enrolment.completed_minutes)
            _apply(
                enrolment,
                done=row["done"],
                required=len(required),
                minutes=row["minutes"] or 0,
                started=False,
            )
            changed += before != (
                enrolment.status,
                enrolment.progress_percent,
                enrolment.completed_minutes,
            )
    return changed


def forget_completion(*, user, activity_id: int, path) -> None:
    """Remove a completion recorded by mistake (attendance unmarked) and refresh progress.

    An enrolment already "terminé" stays so (see the module docstring).
    """
    deleted, _ = ActivityCompletion.objects.filter(user=user, activity_id=activity_id).delete()
    if not deleted:
        return
    enrolment = Enrolment.objects.filter(user=user, path=path).active().first()
    if enrolment is not None:
        refresh_enrolment(enrolment, path_outline(path))
