"""Build the demo campus: organisation, demo accounts, catalogue, progress. Idempotent."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from learners.demo import organisation as demo
from learners.factories import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create (or complete) the demo campus. Running it twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete the demo data first.")
        parser.add_argument(
            "--force", action="store_true", help="Allow demo accounts when DEBUG is false."
        )

    def handle(self, *args, reset=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is false. "
                "Use --force on a non-production database."
            )
        if reset:
            demo.delete_demo_data()
            self.stdout.write("Demo data deleted.")
        # The demo's agents complete paths by the hundred: the certification's per-enrolment
        # notes ("completed without meeting the rule") are for production logs, not this output.
        certification_log = logging.getLogger("learners.certification.services")
        level = certification_log.level
        certification_log.setLevel(logging.WARNING)
        try:
            accounts = demo.create_organisation()
            for step in demo.extra_steps():
                step(accounts)
        finally:
            certification_log.setLevel(level)
        self.stdout.write(self.style.SUCCESS("Demo campus ready."))
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        for role, user in accounts.items():
            self.stdout.write(f"  {role:<9} {user.email}")
