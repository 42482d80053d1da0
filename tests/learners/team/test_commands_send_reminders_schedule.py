"""`manage.py send_reminders --every SECONDS`, the Procfile's `clock`: runs the reminders, waits,
runs again (sending nothing twice), stops cleanly on SIGTERM, and survives a failed run.

Only the first test needs data (the team tests' organisation, built once per module); the
others replace the reminders service with a stub and check the loop alone.
"""

import io
import logging
import os
import signal
import threading
import time

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from learners.common.models import SentNotification
from learners.team.services.reminders import ReminderReport
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db

COMMAND = "learners.management.commands.send_reminders"


@pytest.fixture(scope="module")
def org(module_db):
    return build_org()


@pytest.fixture(autouse=True)
def connection_checks(monkeypatch):
    """Count the loop's connection checks; the real one would close the test's transaction."""
    calls = []
    monkeypatch.setattr(f"{COMMAND}.close_old_connections", lambda: calls.append(1))
    return calls


@pytest.fixture
def runs(monkeypatch):
    """Replace the reminders service: each run is recorded and may act (signal, fail)."""
    calls, actions = [], []

    def fake_send_reminders(*, today=None):
        calls.append(today)
        if actions:
            actions.pop(0)()
        return ReminderReport()

    monkeypatch.setattr(f"{COMMAND}.send_reminders", fake_send_reminders)
    return calls, actions


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def terminate():
    os.kill(os.getpid(), signal.SIGTERM)


def test_commands_send_reminders_schedule_repeats_without_sending_twice(org, connection_checks):
    """Three runs: the first sends the day's e-mails, the next two nothing."""
    output = run("--every", "0.01", "--max-runs", "3")
    reports = [line for line in output.splitlines() if line.startswith("Reminders sent:")]
    assert len(reports) == 3
    assert "3 overdue, 2 manager digests" in reports[0], reports[0]
    for report in reports[1:]:
        assert "0 due soon, 0 overdue, 0 manager digests, 0 expiring certificates" in report
    assert mail.outbox
    assert SentNotification.objects.count() == len(mail.outbox)
    assert len(connection_checks) == 3
    assert "Stopped after 3 run(s)." in output


def test_commands_send_reminders_schedule_sigterm_while_waiting(runs):
    """SIGTERM during the hour's wait ends the process at once, and the handlers are restored."""
    calls, actions = runs
    actions.append(lambda: threading.Timer(0.2, terminate).start())
    before = signal.getsignal(signal.SIGTERM)
    started = time.monotonic()
    output = run("--every", "3600")
    assert time.monotonic() - started < 30
    assert len(calls) == 1
    assert "Stopped after 1 run(s)." in output
    assert signal.getsignal(signal.SIGTERM) is before


def test_commands_send_reminders_schedule_sigterm_during_a_run(runs):
    """SIGTERM during a run lets it finish and starts no other, without waiting."""
    calls, actions = runs
    actions.append(terminate)
    started = time.monotonic()
    output = run("--every", "3600")
    assert time.monotonic() - started < 30
    assert len(calls) == 1
    assert output.count("Reminders sent:") == 1


def test_commands_send_reminders_schedule_failed_run_is_retried(runs, caplog):
    """A run that fails (database, SMTP) is logged and the next run happens as planned."""
    calls, actions = runs

    def fail():
        raise ConnectionError("SMTP down")

    actions.append(fail)
    with caplog.at_level(logging.ERROR, logger=COMMAND):
        output = run("--every", "0.01", "--max-runs", "2")
    assert len(calls) == 2
    assert output.count("Reminders sent:") == 1
    assert "Reminders run failed" in caplog.text and "SMTP down" in caplog.text


def test_commands_send_reminders_schedule_refuses_a_fixed_date(runs):
    """--date (a single run as of that day) cannot be repeated."""
    with pytest.raises(CommandError, match="exclude each other"):
        run("--every", "60", "--date", "2026-01-05")
    assert runs[0] == []
