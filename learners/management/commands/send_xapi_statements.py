"""Send the xAPI statements waiting in the outbox to the LRS, in batches (the task does the
same after each event; this command drains a backlog, or runs from a timer for the retries)."""

from django.core.management.base import BaseCommand, CommandError

from learners.xapi import sender


class Command(BaseCommand):
    help = "Send the pending xAPI statements to the Learning Record Store."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None, help="Statements per POST.")
        parser.add_argument("--limit", type=int, default=None, help="Stop after this many.")

    def handle(self, *args, batch_size=None, limit=None, **options):
        if not sender.enabled():
            raise CommandError("xAPI is off: set XAPI_ENABLED=True and XAPI_LRS_URL.")
        drained = sender.send_pending(batch_size=batch_size, limit=limit)
        self.stdout.write(
            f"{drained.sent} statement(s) sent in {drained.batches} batch(es), "
            f"{drained.failed} failed."
        )
        if drained.failed:
            self.stderr.write(f"Last error: {drained.last_error}")
