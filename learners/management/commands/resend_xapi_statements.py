"""Put the xAPI statements of a period in the outbox again, rebuilt from the database (for a
new LRS, or one that lost data), then send them. Idempotent: the ids are those of the events."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from learners.xapi import rebuild, sender, services


def moment(value: str) -> datetime.datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"Not a date: {value} (YYYY-MM-DD or an ISO 8601 date-time).")
        parsed = datetime.datetime.combine(day, datetime.time.min)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = "Rebuild the xAPI statements of a period from the database and send them again."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="Start (included), YYYY-MM-DD.")
        parser.add_argument("--until", default=None, help="End (excluded); default: now.")
        parser.add_argument(
            "--no-send", action="store_true", help="Only queue them (a worker sends them)."
        )

    def handle(self, *args, since, until=None, no_send=False, **options):
        if not sender.enabled():
            raise CommandError("xAPI is off: set XAPI_ENABLED=True and XAPI_LRS_URL.")
        start, end = moment(since), moment(until) if until else timezone.now()
        queued, chunk = 0, []
        for statement in rebuild.statements_between(start, end):
            chunk.append(statement)
            if len(chunk) >= 1000:
                queued += services.requeue(chunk)
                chunk = []
        queued += services.requeue(chunk)
        self.stdout.write(f"{queued} statement(s) queued again.")
        if not no_send:
            drained = sender.send_pending()
            self.stdout.write(f"{drained.sent} sent, {drained.failed} failed.")
