"""The tiny campus every benchmark test module measures once (not timed: the figures mean
nothing here), and what a complete result holds."""

from io import StringIO

import pytest
from django.core.management import call_command

from bench.context import BenchContext
from bench.harness import Result, Settings, table

TINY_CAMPUS = {
    "scale": "small",
    "agents": 80,
    "paths": 2,
    "catalogue_paths": 3,
    "completions": 300,
    "sessions": 4,
    "team_size": 20,
    "activities": "8-10",
}


def tiny_campus(**sizes) -> BenchContext:
    """Generate the load data at the tiny size (`sizes` override it); requests go through
    the test client instead of gunicorn."""
    call_command("generate_load_data", **{**TINY_CAMPUS, **sizes}, stdout=StringIO())
    return BenchContext.load(Settings.for_tests(), transport="client", log=lambda *args: None)


@pytest.fixture(scope="module")
def ctx(module_db):
    """The tiny campus, generated once for the module."""
    return tiny_campus()


def assert_complete(result: Result) -> None:
    assert result.campus and result.baseline
    assert all(value > 0 for value in [*result.campus, *result.baseline])
    assert result.goal is None or result.goal > 0
    assert None not in result.queries
    assert result.title in table([result])
