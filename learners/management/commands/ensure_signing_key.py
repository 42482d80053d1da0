"""Create the Open Badges signing key used in development, unless one exists.

`make setup` runs it: without OPENBADGES_SIGNING_KEY(S) configured, DEBUG settings load
var/openbadges-dev-key.pem. In production, generate a key the same way with `--path` into your
secret store and point OPENBADGES_SIGNING_KEY_FILES at it.
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
            default=str(settings.OPENBADGES_DEV_KEY_FILE),
            help="Key file to create (default: var/openbadges-dev-key.pem).",
        )
        parser.add_argument(
            "--algorithm",
            choices=["RS256", "ES256"],
            default="RS256",
            help="RS256 (RSA 3072 bits, the most widely supported) or ES256 (EC P-256).",
        )

    def handle(self, *args, path, algorithm, **options):
        target = Path(path)
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
