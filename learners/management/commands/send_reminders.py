"""Send the day's reminders: due dates, overdue training, managers' digests, expiring
certificates. Run daily (cron, systemd timer, or the `send_daily_reminders` task)."""

import datetime

from django.core.management.base import BaseCommand

from learners.services.reminders import send_reminders


class Command(BaseCommand):
    help = "Send the day's reminders. Running it twice the same day sends nothing twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Act as if today were this date (YYYY-MM-DD); for checks and tests.",
        )

    def handle(self, *args, date=None, **options):
        report = send_reminders(today=date)
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminders sent: {report.due_soon} due soon, {report.overdue} overdue, "
                f"{report.digests} manager digests, {report.certificates} expiring certificates."
            )
        )
