"""RGPD retention: anonymise the accounts inactive for N years (default RGPD_INACTIVE_YEARS).
Run daily (cron, systemd timer). `--dry-run` only counts."""

from django.conf import settings
from django.core.management.base import BaseCommand

from learners.privacy.services import inactive_accounts, purge_inactive


class Command(BaseCommand):
    help = "Anonymise the accounts inactive for N years (RGPD retention)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="Inactivity, in years (default: settings.RGPD_INACTIVE_YEARS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the accounts, change nothing."
        )

    def handle(self, *args, years=None, dry_run=False, **options):
        years = years if years is not None else settings.RGPD_INACTIVE_YEARS
        if years < 1:
            self.stderr.write("--years must be at least 1.")
            return
        if dry_run:
            count = inactive_accounts(years=years).count()
            self.stdout.write(
                f"Dry run: {count} account(s) inactive for {years} year(s) would be anonymised."
            )
            return
        count = purge_inactive(years=years)
        self.stdout.write(
            self.style.SUCCESS(f"{count} account(s) inactive for {years} year(s) anonymised.")
        )
