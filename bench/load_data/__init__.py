"""A campus at public-service scale, for the benchmarks (`manage.py generate_load_data`).

What it builds, all from one seed (same seed, same campus; dates are relative to the run):
- an administrative hierarchy (ministères → directions → sous-directions → bureaux) of
  `agents` agents, where the first ministry holds two directions of exactly `team_size` agents
  each (the benchmarks' manager of a direction, and the 2 × `team_size` agents of a ministry
  for the export);
- `paths` training paths of 3–6 modules and 20–40 activities (lessons with a real StreamField
  body, quizzes with questions, some modules taught in sessions), plus light paths up to
  `catalogue_paths` published paths for the catalogue;
- `sessions` dated sessions, past and upcoming, with registrations and attendance;
- enrolments in every status, exactly `completions` activity completions (in outline order,
  with the enrolments' stored progress computed from them), passed quiz attempts, certificates
  for completed paths, mandatory-training campaigns with their assignments.

Rows are written in bulk (PostgreSQL: COPY; other databases: `bulk_create`), pages through
Wagtail's tree API, live without revisions, their derived columns computed once per path.
"""

import logging
import random
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from bench.load_data import activity, bulk, catalogue, organisation, packages
from bench.load_data.organisation import BENCH_DOMAIN as BENCH_DOMAIN
from bench.load_data.organisation import SPECIAL_ACCOUNTS as SPECIAL_ACCOUNTS
from courses import catalogue_version


@dataclass(frozen=True)
class Sizes:
    agents: int
    paths: int
    catalogue_paths: int
    completions: int
    sessions: int
    team_size: int
    seed: int = 2026
    activities: tuple[int, int] = (20, 40)  # per full path (the tests use fewer)

    def __post_init__(self):
        if self.agents < 2 * self.team_size + 10:
            raise ValueError("agents must exceed twice the team size (two benchmark directions).")
        if self.catalogue_paths < self.paths:
            raise ValueError("catalogue_paths counts every published path: at least `paths`.")
        if self.paths < 2:
            raise ValueError("At least two full paths (one of them taught in sessions).")
        low, high = self.activities
        if not 8 <= low <= high:
            raise ValueError("A full path has at least 8 activities (3 modules and a session).")


SCALES = {
    # The figures: about 10 minutes on PostgreSQL on a 2-core machine.
    "full": Sizes(
        agents=100_000,
        paths=60,
        catalogue_paths=200,
        completions=2_000_000,
        sessions=500,
        team_size=5_000,
    ),
    # Under a minute on SQLite: for development and the reduced benchmark.
    "small": Sizes(
        agents=3_000, paths=8, catalogue_paths=24, completions=30_000, sessions=30, team_size=500
    ),
}


@dataclass
class Summary:
    sizes: Sizes
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"sizes": asdict(self.sizes), "counts": self.counts, "seconds": self.seconds}


def generate(sizes: Sizes, *, log=print) -> Summary:
    """Build the campus described by `sizes` in the current database (see the module doc)."""
    rng = random.Random(sizes.seed)
    now = timezone.now()
    summary = Summary(sizes=sizes)

    def step(name, function, *args):
        started = time.monotonic()
        log(f"  {name}…")
        result = function(*args)
        summary.seconds[name] = round(time.monotonic() - started, 1)
        log(f"  {name}: {summary.seconds[name]} s")
        return result

    with bulk.fast_loading(), _quiet_logs():
        with transaction.atomic():
            org = step("organisation", organisation.build, sizes, rng, now)
        with transaction.atomic():
            cat = step("catalogue", catalogue.build, sizes, rng, now)
        with transaction.atomic():
            counts = step("activity", activity.build, sizes, rng, now, org, cat)
        with transaction.atomic():
            counts |= step("packages", packages.build, sizes, rng, now, org, cat)
    step("statistics", bulk.analyze)
    # Pages were made live without publishing: retire whatever a cache kept of the catalogue.
    catalogue_version.bump()
    summary.counts = {"agents": len(org.agents), "units": org.unit_count, **cat.counts, **counts}
    return summary


@contextmanager
def _quiet_logs():
    """Wagtail and the tasks backend log every page created at INFO: thousands of lines."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "django_tasks", "modelsearch")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def database_label() -> str:
    return f"{connection.vendor} {connection.settings_dict.get('NAME')}"
