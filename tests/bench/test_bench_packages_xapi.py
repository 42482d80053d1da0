"""The SCORM commit and xAPI scenarios run once on a tiny campus (not timed): complete
results, and nothing left behind.

Every test needs the database; the tiny campus is generated once for the module. The drain
needs Ralph (`.venv-ralph`, `scripts/ralph install`): skipped without it, unless `LRS=required`.
"""

import os

import pytest

from bench import packages, xapi
from bench.load_data.packages import scorm_activity
from learners.learning.models import ActivityCompletion, Enrolment, PackageAttempt
from learners.xapi.models import StatementOutbox
from tests.bench.conftest import assert_complete

pytestmark = pytest.mark.django_db


def state() -> tuple:
    return (
        ActivityCompletion.objects.count(),
        PackageAttempt.objects.count(),
        StatementOutbox.objects.count(),
        sorted(Enrolment.objects.values_list("pk", "status", "progress_percent")),
    )


def test_bench_packages_load_data_scorm_activity(ctx):
    """The load campus holds a published SCORM activity with a stored package and agents
    enrolled in its path."""
    activity = scorm_activity()
    assert activity is not None and activity.package.is_scorm
    path = activity.get_parent().get_parent()
    assert Enrolment.objects.filter(path_id=path.pk).count() >= 3


def test_bench_packages_scorm_commit_cleans_up(ctx):
    """Commits go through the endpoint against the completion POST, then everything they
    wrote is removed."""
    before = state()
    result = packages.run(ctx)
    assert_complete(result)
    assert result.key == "scorm_commit"
    assert state() == before


def test_bench_xapi_outbox_cleans_up(ctx):
    """Completions are recorded with xAPI on and off; statements and completions are removed."""
    before = state()
    result = xapi.outbox(ctx)
    assert_complete(result)
    assert state() == before


def test_bench_xapi_drain_into_ralph(ctx):
    """Pending statements are drained into a real Ralph, against plain POSTs of the same
    batches; the outbox is left as it was."""
    if xapi.ralph_python() is None:
        message = ".venv-ralph is missing: `scripts/ralph install` installs Ralph (the LRS)."
        if os.environ.get("LRS") == "required":
            pytest.fail(message + " LRS=required.")
        pytest.skip(message)
    before = state()
    result = xapi.drain(ctx)
    assert_complete(result)
    assert state() == before


def test_bench_xapi_drain_without_ralph(ctx, monkeypatch):
    """Without Ralph the drain is reported as not measured, with its reason, not raised."""
    monkeypatch.setattr(xapi, "ralph_python", lambda: None)
    result = xapi.drain(ctx)
    assert result.checks == {"Ralph available (.venv-ralph)": False}
    assert ".venv-ralph" in result.notes[0]
