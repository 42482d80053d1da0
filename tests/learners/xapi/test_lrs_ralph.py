"""The statements stored in a real Learning Record Store, Ralph (France Université Numérique's),
and read back through its xAPI `GET /xAPI/statements`, by agent, by activity and by verb; the
outbox surviving an LRS outage and a worker killed mid-send.

Ralph runs from `.venv-ralph` (`scripts/ralph install`), started once per run on a free port
(fixture `ralph_server`); without it these tests are skipped, unless LRS=required (CI)."""

import datetime
import json
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from learners.learning import services as learning_services
from learners.xapi import lrs, sender, statements
from learners.xapi.models import StatementOutbox
from tests.learners.builders import learning_path
from tests.learners.certification.fixtures import agent
from tests.learners.xapi.journeys import full_journey, page_titled

pytestmark = pytest.mark.django_db

KINDS = {
    "registered",
    "launched",
    "answered",
    "failed",
    "passed",
    "attended",
    "completed",
    "earned",
}


@pytest.fixture
def ralph(ralph_server):
    """Ralph keeps every test's statements while the database is rolled back after each test:
    a campus address of its own per test keeps their agents and statement ids apart."""
    site = f"http://campus-{uuid.uuid4().hex[:12]}.test"
    with override_settings(SITE_URL=site, **ralph_server.settings()):
        yield ralph_server


def by_agent(user) -> list[dict]:
    return lrs.get_statements(agent=json.dumps(statements.actor(user)))


def verb_of(statement) -> str:
    return statement["verb"]["id"].rsplit("/", 1)[1]


def ids(found) -> list[str]:
    return sorted(statement["id"] for statement in found)


def outbox_ids(user=None) -> list[str]:
    rows = (
        StatementOutbox.objects.all() if user is None else StatementOutbox.objects.filter(user=user)
    )
    return sorted(str(pk) for pk in rows.values_list("statement_id", flat=True))


def test_lrs_ralph_stores_every_kind_of_statement(
    ralph, client, django_capture_on_commit_callbacks, signing_key, administrator
):
    """A whole journey: every statement delivered, stored by Ralph once, found by agent, by
    verb and by activity."""
    user, path, certificate = full_journey(
        client,
        django_capture_on_commit_callbacks,
        email="ralph.journey@campus.example",
        attend_by=administrator,
    )
    assert not StatementOutbox.objects.unsent().exists()
    stored = by_agent(user)
    assert ids(stored) == outbox_ids(user)
    assert {verb_of(s) for s in stored} == KINDS
    assert {s["actor"]["account"]["name"] for s in stored} == {statements.agent_name(user.pk)}

    passed = lrs.get_statements(
        verb=statements.VERBS["passed"], agent=json.dumps(statements.actor(user))
    )
    assert len(passed) == 1 and passed[0]["result"]["score"]["scaled"] == 1.0

    lesson = page_titled(path, "Leçon 1")
    about_lesson = lrs.get_statements(activity=statements.page_iri(lesson.pk))
    assert sorted(verb_of(s) for s in about_lesson) == ["completed", "launched"]

    earned = lrs.get_statements(
        verb=statements.VERBS["earned"], agent=json.dumps(statements.actor(user))
    )
    assert earned[0]["object"]["id"].endswith(f"/certificats/verifier/{certificate.public_id}/")


def test_lrs_ralph_outage_then_everything_delivered_once(ralph, django_capture_on_commit_callbacks):
    """Ralph stopped: events still happen, their statements wait; Ralph back: every statement
    delivered, each stored once."""
    user, path = agent(email="ralph.outage@campus.example"), learning_path(lessons=2, quiz=False)
    ralph.stop()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            learning_services.enrol(user=user, path=path)
            for lesson in path.get_outline().activities:
                page = page_titled(path, lesson.title)
                learning_services.complete_activity(user=user, activity=page)
        waiting = StatementOutbox.objects.filter(user=user)
        # Registered, two lessons, the path completed, its certificate earned.
        assert waiting.count() == 5
        assert set(waiting.values_list("status", flat=True)) == {StatementOutbox.Status.FAILED}
        assert "ConnectionError" in waiting.first().last_error
    finally:
        ralph.start()
    later = timezone.now() + datetime.timedelta(hours=7)
    assert sender.send_pending(now=later).sent == 5
    assert sender.send_pending(now=later).sent == 0
    assert ids(by_agent(user)) == outbox_ids(user)


def test_lrs_ralph_worker_killed_before_marking_sends_again_without_duplicates(ralph, monkeypatch):
    """A worker killed after Ralph stored a batch, before the rows were marked: they are sent
    again, Ralph keeps one copy of each."""
    user, path = agent(email="ralph.crash@campus.example"), learning_path(lessons=2, quiz=False)
    learning_services.enrol(user=user, path=path)  # no commit callbacks: the outbox waits
    learning_services.complete_activity(user=user, activity=page_titled(path, "Leçon 1"))

    def killed(rows):
        raise SystemExit("worker killed")

    with monkeypatch.context() as patch:
        patch.setattr(sender, "_mark_sent", killed)
        with pytest.raises(SystemExit):
            sender.send_pending()
    assert StatementOutbox.objects.filter(user=user, status="pending").count() == 2
    assert len(by_agent(user)) == 2  # Ralph had stored them
    assert sender.send_pending().sent == 2
    assert ids(by_agent(user)) == outbox_ids(user)


def test_lrs_ralph_resend_of_a_period_is_idempotent(ralph):
    """`resend_xapi_statements` sends a period again: Ralph still holds one copy of each."""
    user, path = agent(email="ralph.resend@campus.example"), learning_path(lessons=1, quiz=False)
    learning_services.enrol(user=user, path=path)
    learning_services.complete_activity(user=user, activity=page_titled(path, "Leçon 1"))
    sender.send_pending()
    before = ids(by_agent(user))
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    call_command("resend_xapi_statements", since=since)
    assert ids(by_agent(user)) == before == outbox_ids(user)
