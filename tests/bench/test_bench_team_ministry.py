"""The `team_ministry` scenario (Mon équipe over the whole organisation) runs once on a tiny
campus, in quick mode: the figures mean nothing here, only that the scenario is complete and
that the selectors agree with the hand-written SQL.

Every test needs the database; the tiny campus is generated once for the module.
"""

import pytest

from bench import scenarios, team
from bench.harness import table
from learners.accounts.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_bench_team_ministry_manager_manages_every_root(ctx):
    """The load data's organisation manager is responsible for every root unit."""
    roots = set(OrgUnit.objects.filter(depth=1).values_list("pk", flat=True))
    managed = set(ctx.organisation_manager.managed_units.values_list("pk", flat=True))
    assert managed == roots


def test_bench_team_ministry_runs(ctx):
    """The scenario measures every agent, agrees with the SQL, and counts as many queries for
    the whole organisation as for a direction."""
    result = team.run_organisation(ctx)
    assert result.key == "team_ministry"
    assert result.campus and result.baseline
    assert all(value > 0 for value in [*result.campus, *result.baseline])
    assert result.checks["same agents and first page as the SQL"]
    assert any(label.startswith("≤ 300 ms") for label in result.checks)
    small, large = result.queries
    assert small is not None and small == large
    assert result.title in table([result])


def test_bench_team_ministry_is_registered():
    """`manage.py bench --only team_ministry` finds the scenario."""
    assert "team_ministry" in [key for key, _run, _http in scenarios.SCENARIOS]
