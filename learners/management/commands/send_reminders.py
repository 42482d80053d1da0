"""Send the day's reminders: due dates, overdue training, managers' digests, expiring
certificates.

Once (`send_reminders`, e.g. from a daily cron job or systemd timer), or as a long-running
process (`send_reminders --every 3600`, the Procfile's `clock`): run, wait, run again, until
SIGTERM or SIGINT. Every e-mail is recorded under a unique key before it is sent
(`learners.team.services.reminders`), so frequent runs, a restarted process or two clocks send
nothing twice; running hourly means a restarted or late process catches up within the hour.
"""

import datetime
import logging
import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from learners.team.services.reminders import send_reminders

# A stop signal ends the wait between runs within this many seconds.
WAIT_SLICE_SECONDS = 0.5

logger = logging.getLogger(__name__)


def positive_seconds(value: str) -> float:
    seconds = float(value)
    if seconds <= 0:
        raise ValueError(value)
    return seconds


class Command(BaseCommand):
    help = "Send the day's reminders. Running it twice the same day sends nothing twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Act as if today were this date (YYYY-MM-DD); for checks and tests.",
        )
        parser.add_argument(
            "--every",
            type=positive_seconds,
            metavar="SECONDS",
            help="Keep running: send the reminders, wait this long, again, until SIGTERM/SIGINT.",
        )
        parser.add_argument(
            "--max-runs",
            type=int,
            default=0,
            help="With --every: stop after this many runs (0, the default: never).",
        )

    def handle(self, *args, date=None, every=None, max_runs=0, **options):
        if every is None:
            self.send(date)
            return
        if date is not None:
            raise CommandError("--date and --every exclude each other.")
        self.run_every(every, max_runs=max_runs)

    def send(self, date) -> None:
        report = send_reminders(today=date)
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminders sent: {report.due_soon} due soon, {report.overdue} overdue, "
                f"{report.digests} manager digests, {report.certificates} expiring certificates."
            )
        )

    def run_every(self, seconds: float, *, max_runs: int) -> None:
        """Send, then wait `seconds`, until stopped; a failed run is logged and retried at the
        next one (the keys make a retry safe)."""
        stop = {"requested": False}

        def request_stop(signum, frame):
            # A run under way finishes (each e-mail is its own transaction); no new one starts.
            # Only a flag: a handler taking a lock could interrupt its own thread holding it.
            stop["requested"] = True

        stop_signals = (signal.SIGTERM, signal.SIGINT)
        previous = {signum: signal.signal(signum, request_stop) for signum in stop_signals}
        runs = 0
        try:
            while not stop["requested"]:
                # The process sleeps between runs: drop a connection the database closed meanwhile.
                close_old_connections()
                try:
                    self.send(None)
                except Exception:
                    logger.exception("Reminders run failed; retrying in %s seconds.", seconds)
                runs += 1
                if max_runs and runs >= max_runs:
                    break
                wake_at = time.monotonic() + seconds
                while not stop["requested"] and (left := wake_at - time.monotonic()) > 0:
                    time.sleep(min(left, WAIT_SLICE_SECONDS))
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if stop["requested"]:
            logger.info("Stop signal received: stopped after %s run(s).", runs)
        self.stdout.write(f"Stopped after {runs} run(s).")
