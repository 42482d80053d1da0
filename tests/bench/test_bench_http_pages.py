"""Mon espace and Mon équipe over HTTP run once on a tiny campus (not timed: the figures mean
nothing here) through the test client, and return complete results.

Every test needs the database; the tiny campus is generated once for the module.
"""

import pytest

from bench import pages
from bench.harness import table
from bench.load_data import space
from learners.certification.models import Certificate
from learners.learning.models import Enrolment
from learners.sessions.models import SessionRegistration

pytestmark = pytest.mark.django_db


def test_bench_http_pages_space_agent(ctx):
    """The Mon espace agent holds only what `space` planned: a seat for each session path,
    a certificate for each completed path (the tiny campus has too few paths for 10)."""
    agent = ctx.space_agent
    enrolments = Enrolment.objects.filter(user=agent)
    completed = enrolments.filter(status=Enrolment.Status.COMPLETED).count()
    assert 1 <= enrolments.count() <= space.ENROLMENTS
    assert Certificate.objects.filter(user=agent).count() == completed <= space.CERTIFICATES
    registrations = SessionRegistration.objects.filter(user=agent)
    assert registrations.count() <= space.SESSIONS
    assert all(registration.registered_at for registration in registrations)


def test_bench_http_pages_my_space(ctx):
    """Mon espace is measured against the minimal view, with its query counts."""
    result = pages.my_space(ctx)
    assert result.unit == "req/s"
    assert result.campus and result.baseline and None not in result.queries
    assert result.queries_stable  # the agent with 10 enrolments: no more than the learner
    assert result.title in table([result])


def test_bench_http_pages_team_http(ctx):
    """Mon équipe over HTTP reports p95 latencies for both sides and the absolute goal."""
    result = pages.team_http(ctx)
    assert result.unit == "ms"
    assert all(value > 0 for value in [*result.campus, *result.baseline])
    assert result.goal_label == "p95 ≤ 150 ms"
    assert len(result.checks) == 1
    assert any("p50" in note for note in result.notes)
    assert "p95 ≤ 150 ms" in table([result])
