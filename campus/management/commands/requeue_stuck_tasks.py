"""Put back in the queue the tasks lost with a killed worker.

A worker that dies while running a task (kill -9, out of memory, machine restarted) leaves its
row "running" for ever, and the database backend never runs it again. This command, run by the
clock (every few minutes: see the README's production section), marks every task running for
longer than `TASK_STUCK_AFTER_MINUTES` as ready again; the next free worker runs it. Every task
of the campus is idempotent (e-mails are sent once per key, a PDF is written once), so a task
that had in fact done part of its work completes it exactly once.
"""

from django.core.management.base import BaseCommand
from django_tasks.base import TaskResultStatus

from campus.health import stuck_tasks


class Command(BaseCommand):
    help = "Re-queue the tasks stuck 'running' past TASK_STUCK_AFTER_MINUTES (lost workers)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the stuck tasks without re-queuing them."
        )

    def handle(self, *args, dry_run=False, **options):
        stuck = list(stuck_tasks().order_by("started_at"))
        for task in stuck:
            self.stdout.write(
                f"{task.pk} {task.task_path} started {task.started_at.isoformat()} "
                f"by {', '.join(task.worker_ids) or '?'}"
            )
        if dry_run:
            self.stdout.write(f"{len(stuck)} stuck task(s); nothing changed (--dry-run).")
            return
        requeued = (
            stuck_tasks()
            .filter(pk__in=[task.pk for task in stuck])
            .update(status=TaskResultStatus.READY, started_at=None)
        )
        self.stdout.write(f"{requeued} stuck task(s) re-queued.")
