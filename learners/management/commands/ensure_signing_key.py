"""Create the Open Badges signing key, unless it exists.

In production (OPENBADGES_SIGNING_KEY_FILES set), it writes the first file listed there, readable
by its owner only: the README's production steps run it once, before `check --deploy`. In
development (`make setup`), without configured keys, it writes var/openbadges-dev-key.pem, which
DEBUG settings load.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from learners.certification.openbadges.keys import generate_private_key_pem, load_key


class Command(BaseCommand):
    help = "Create the Open Badges signing key file (development key by default) if it is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=None,
            help="Key file to create (default: the first of OPENBADGES_SIGNING_KEY_FILES, else "
            "var/openbadges-dev-key.pem).",
        )
        parser.add_argument(
            "--algorithm",
            choices=["RS256", "ES256"],
            default="RS256",
            help="RS256 (RSA 3072 bits, the most widely supported) or ES256 (EC P-256).",
        )

    def handle(self, *args, path, algorithm, **options):
        configured = getattr(settings, "OPENBADGES_SIGNING_KEY_FILES", [])
        target = Path(path or (configured[0] if configured else settings.OPENBADGES_DEV_KEY_FILE))
        if target.exists():
            key = load_key(target.read_text())
            self.stdout.write(f"Signing key already present: {target} ({key.algorithm}).")
            return
        if settings.OPENBADGES_SIGNING_KEYS and target == Path(settings.OPENBADGES_DEV_KEY_FILE):
            self.stdout.write(
                "Signing keys are configured (OPENBADGES_SIGNING_KEY*): nothing to do."
            )
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        pem = generate_private_key_pem(algorithm)
        # Readable by its owner only: it is a private key.
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(pem)
        key = load_key(pem)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {target} ({key.algorithm}, kid thumbprint {key.thumbprint})."
            )
        )
