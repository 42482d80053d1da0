"""The API completions scenario runs once on the tiny campus of tests/bench/test_bench_scenarios
(not timed): the endpoint and the hand-written SQL give the same page, with the same queries
whatever the unit and the page size, and the scenario's client is removed afterwards."""

import pytest

from bench import api
from learners.api.models import ApiClient
from tests.bench.conftest import assert_complete

pytestmark = pytest.mark.django_db


def test_bench_api_completions(ctx):
    """Same records and cursor as the SQL, constant queries, no client left behind."""
    clients = ApiClient.objects.count()
    result = api.run(ctx)
    assert_complete(result)
    assert all(result.checks.values()), result.checks
    assert result.queries_stable, result.queries
    assert ApiClient.objects.count() == clients
