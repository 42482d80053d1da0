"""Generate a campus at public-service scale for the benchmarks (`make bench`).

    manage.py generate_load_data                      # full: 100,000 agents, 2M completions
    manage.py generate_load_data --scale small        # a few thousand agents (SQLite: < 1 min)
    manage.py generate_load_data --agents 20000 --completions 300000

Seeded (`--seed`): the same sizes and seed give the same campus. Meant for an empty,
disposable database: it refuses a database whose name does not mention "bench" (or a test
database) unless given `--force`, and a database that already holds load data.
"""

import json
import time
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import load_data
from learners.accounts.models import User


class Command(BaseCommand):
    help = "Generate a large, realistic campus (agents, paths, completions) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(load_data.SCALES), default="full")
        parser.add_argument("--agents", type=int, help="Number of agents (users).")
        parser.add_argument("--paths", type=int, help="Full training paths (3–6 modules).")
        parser.add_argument(
            "--catalogue-paths", type=int, help="Published paths in all (full ones + light ones)."
        )
        parser.add_argument("--completions", type=int, help="Activity completions, exactly.")
        parser.add_argument("--sessions", type=int, help="Dated sessions.")
        parser.add_argument(
            "--team-size", type=int, help="Active agents of each benchmark direction."
        )
        parser.add_argument(
            "--activities", help="Activities per full path, as MIN-MAX (default 20-40)."
        )
        parser.add_argument("--seed", type=int, help="Random seed (default 2026).")
        parser.add_argument(
            "--force", action="store_true", help="Allow a database not named *bench*."
        )
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args, scale, force, json: bool = False, **options):
        name = str(connection.settings_dict.get("NAME") or "")
        is_test = Path(name).name.startswith("test_")  # SQLite's test database is a file
        if not force and "bench" not in name and not is_test:
            raise CommandError(
                f"Refusing to fill the database {name!r} with load data: use a disposable "
                "database whose name contains 'bench', or --force."
            )
        if User.objects.filter(email__endswith="@" + load_data.BENCH_DOMAIN).exists():
            raise CommandError("This database already holds load data: start from an empty one.")
        overrides = {
            key: options[key]
            for key in ("agents", "paths", "catalogue_paths", "completions", "sessions")
            if options.get(key) is not None
        }
        for key in ("team_size", "seed"):
            if options.get(key) is not None:
                overrides[key] = options[key]
        if options.get("activities"):
            low, _dash, high = str(options["activities"]).partition("-")
            overrides["activities"] = (int(low), int(high or low))
        try:
            sizes = replace(load_data.SCALES[scale], **overrides)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Generating load data in {load_data.database_label()}: {sizes}")
        started = time.monotonic()
        summary = load_data.generate(sizes, log=self.stdout.write)
        elapsed = time.monotonic() - started
        if json:
            self.stdout.write(_json(summary, elapsed))
            return
        for key, value in summary.counts.items():
            self.stdout.write(f"  {key:<28} {value:>10,}")
        self.stdout.write(self.style.SUCCESS(f"Load data generated in {elapsed:.0f} s."))


def _json(summary, elapsed: float) -> str:
    return json.dumps({**summary.as_dict(), "elapsed_seconds": round(elapsed, 1)}, indent=2)
