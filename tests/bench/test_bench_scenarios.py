"""Every benchmark scenario runs once on a tiny campus (not timed: the figures mean nothing
here), and returns complete results: figures for both sides, a goal, query counts.

Every test needs the database; the tiny campus is generated once for the module. Requests go
through the test client instead of gunicorn, and the registrations run one after another
(other processes would not see the test's transaction), over "HTTP" too.
"""

import pytest
from django.contrib.sessions.models import Session

from bench import catalogue, completion, export, http, registrations, team
from bench.harness import table
from bench.scenarios import SCENARIOS
from learners.learning.models import ActivityCompletion, Enrolment
from learners.sessions.models import SessionRegistration
from tests.bench.conftest import assert_complete

pytestmark = pytest.mark.django_db


def test_bench_scenarios_team(ctx):
    """Mon équipe: the selectors and the hand-written SQL agree on the agents' first page."""
    result = team.run(ctx)
    assert_complete(result)
    assert all(result.checks.values())


def test_bench_scenarios_export(ctx):
    """The export writes the same file as the raw cursor, in bounded memory."""
    result = export.run(ctx)
    assert_complete(result)
    assert all(result.checks.values())


def test_bench_scenarios_catalogue(ctx):
    """The catalogue search runs with and without its cache."""
    assert_complete(catalogue.run(ctx))


def test_bench_scenarios_completion_cleans_up(ctx):
    """Completions are recorded through the view and through the minimal signed-in view (and
    raw), then removed with the enrolments' figures restored and the sessions deleted."""
    completions = ActivityCompletion.objects.count()
    enrolments = sorted(Enrolment.objects.values_list("pk", "status", "progress_percent"))
    sessions = Session.objects.count()
    results = completion.run(ctx)
    assert [result.key for result in results] == ["completion", "completion_floor"]
    for result in results:
        assert_complete(result)
        assert all(result.checks.values())
    assert results[0].goal == 2.0
    assert results[1].goal is None and results[1].goal_label == "—"
    assert "| — | —<br>" in table([results[1]])
    assert ActivityCompletion.objects.count() == completions
    assert sorted(Enrolment.objects.values_list("pk", "status", "progress_percent")) == enrolments
    assert Session.objects.count() == sessions


def test_bench_scenarios_registrations(ctx):
    """Registrations for a full session are correct (seats, waitlist), through the service and
    through the registration view (the test client standing in for HTTP), then removed."""
    registered = SessionRegistration.objects.count()
    results = registrations.run(ctx, concurrent=False)
    assert [result.key for result in results] == [
        "registrations_contention",
        "registrations_throughput",
    ]
    for result in results:
        assert_complete(result)
        assert all(result.checks.values())
    assert [result.goal for result in results] == [1.2, 0.8]
    assert results[1].unit == "req/s"
    assert SessionRegistration.objects.count() == registered


def test_bench_scenarios_registrations_need_the_server():
    """The registrations scenario is run with the HTTP server (its throughput row)."""
    assert ("registrations", registrations.run, True) in SCENARIOS


def test_bench_scenarios_pages(ctx):
    """The learning view and the public path page are measured against the minimal view."""
    for result in (http.learning_view(ctx), http.path_page(ctx)):
        assert_complete(result)
        assert result.unit == "req/s"
