"""The outbox: written in the event's transaction, drained in batches with retries, emptied
for an erased agent. Unit tests with a fake LRS; every test needs the database."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from learners.learning import selectors as learning_selectors
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion
from learners.privacy import services as privacy_services
from learners.xapi import lrs, sender, statements
from learners.xapi.models import StatementOutbox
from tests.learners.builders import learning_path
from tests.learners.certification.fixtures import agent

pytestmark = pytest.mark.django_db

Status = StatementOutbox.Status


def lessons_of(path):
    return list(Page.objects.descendant_of(path).filter(title__startswith="Leçon").order_by("path"))


@pytest.fixture
def enrolled(xapi_on):
    user, path = agent(), learning_path(lessons=3)
    learning_services.enrol(user=user, path=path)
    return user, path


def test_services_outbox_event_and_statement_commit_together(enrolled):
    """A completion writes its statement in the same transaction."""
    user, path = enrolled
    lesson = lessons_of(path)[0]
    learning_services.complete_activity(user=user, activity=lesson)
    row = StatementOutbox.objects.get(statement__verb__id=statements.VERBS["completed"])
    assert row.status == Status.PENDING and row.user == user
    assert row.statement["object"]["id"] == statements.page_iri(lesson.pk)
    assert str(row.statement_id) == row.statement["id"]


def test_services_outbox_rolled_back_event_leaves_no_statement(enrolled):
    """A completion rolled back takes its statement with it."""
    user, path = enrolled
    before = StatementOutbox.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        learning_services.complete_activity(user=user, activity=lessons_of(path)[0])
        raise RuntimeError("the request failed after the completion")
    assert not ActivityCompletion.objects.filter(user=user).exists()
    assert StatementOutbox.objects.count() == before


def test_services_outbox_repeated_event_is_one_statement(enrolled):
    """Completing again (double click) records nothing more."""
    user, path = enrolled
    lesson = lessons_of(path)[0]
    learning_services.complete_activity(user=user, activity=lesson)
    count = StatementOutbox.objects.count()
    learning_services.complete_activity(user=user, activity=lesson)
    assert StatementOutbox.objects.count() == count


def test_services_outbox_completion_costs_one_query(enrolled, settings, caching):
    """Recording a completion with the outbox on runs one query more than with it off (the
    path's outline comes from the catalogue's cache, as in production)."""
    user, path = enrolled
    first, second, third = lessons_of(path)
    learning_services.complete_activity(user=user, activity=first)  # warm the caches
    for lesson in (second, third):
        learning_selectors.path_of(lesson)

    def queries(lesson) -> int:
        with CaptureQueriesContext(connection) as context:
            learning_services.complete_activity(user=user, activity=lesson)
        return len(context.captured_queries)

    with_outbox = queries(second)
    settings.XAPI_ENABLED = False
    without = queries(third)
    print(f"completion queries: outbox off={without}, on={with_outbox}")
    assert with_outbox <= without + 1


def test_services_outbox_inactive_agent_records_nothing(enrolled):
    """An inactive (erased) account gets no statement."""
    user, path = enrolled
    user.is_active = False
    user.save()
    before = StatementOutbox.objects.count()
    learning_services.complete_activity(user=user, activity=lessons_of(path)[0])
    assert StatementOutbox.objects.count() == before


# Sender -----------------------------------------------------------------------------------


def pending(count: int, user=None) -> list[StatementOutbox]:
    rows = [
        StatementOutbox(
            statement_id=statements.statement_id("test", n),
            statement={"id": statements.statement_id("test", n), "n": n},
            user=user,
        )
        for n in range(count)
    ]
    return StatementOutbox.objects.bulk_create(rows)


def test_services_outbox_sender_drains_in_batches(fake_lrs, settings):
    """Pending statements go in batches of XAPI_BATCH_SIZE, oldest first, then are sent."""
    settings.XAPI_BATCH_SIZE = 4
    pending(10)
    drained = sender.send_pending()
    assert (drained.sent, drained.batches) == (10, 3)
    assert [len(batch) for batch in fake_lrs.batches] == [4, 4, 2]
    assert [s["n"] for s in fake_lrs.statements] == list(range(10))
    assert StatementOutbox.objects.filter(status=Status.SENT, sent_at__isnull=False).count() == 10


def test_services_outbox_sender_backs_off_when_the_lrs_is_down(fake_lrs):
    """Unreachable LRS: the statements stay, failed, with exponential backoff; nothing is due
    again before `next_attempt_at`."""
    pending(3)
    fake_lrs.answers = [lrs.Answer(None, "ConnectionError: refused")]
    drained = sender.send_pending()
    assert (drained.sent, drained.failed) == (0, 3)
    rows = StatementOutbox.objects.all()
    assert {(r.status, r.attempts, r.last_error) for r in rows} == {
        (Status.FAILED, 1, "ConnectionError: refused")
    }
    assert sender.send_pending().sent == 0  # not due yet
    assert sender.retry_delay(1) == datetime.timedelta(seconds=30)
    assert sender.retry_delay(3) == datetime.timedelta(seconds=120)
    assert sender.retry_delay(30) == datetime.timedelta(hours=6)
    later = timezone.now() + datetime.timedelta(minutes=1)
    assert sender.send_pending(now=later).sent == 3
    assert not StatementOutbox.objects.unsent().exists()


def test_services_outbox_sender_duplicate_id_counts_as_sent(fake_lrs):
    """A batch refused for a conflicting id is sent one by one; the conflicting one (already
    stored) counts as sent, a refused one fails alone."""
    pending(3)
    fake_lrs.answers = [
        lrs.Answer(409, "conflict"),  # the batch
        lrs.Answer(200, "[]"),
        lrs.Answer(409, "conflict"),
        lrs.Answer(400, "bad statement"),
    ]
    drained = sender.send_pending()
    assert (drained.sent, drained.failed) == (2, 1)
    assert StatementOutbox.objects.get(status=Status.FAILED).last_error == "HTTP 400: bad statement"


def test_services_outbox_sender_crash_before_marking_leaves_them_pending(fake_lrs, monkeypatch):
    """A worker dying after the LRS answered, before marking the rows: they are still pending
    and sent again (the LRS keeps one copy of each id)."""
    pending(2)

    def killed(rows):
        raise SystemExit("worker killed")

    monkeypatch.setattr(sender, "_mark_sent", killed)
    with pytest.raises(SystemExit):
        sender.send_pending()
    assert StatementOutbox.objects.filter(status=Status.PENDING).count() == 2
    monkeypatch.undo()
    monkeypatch.setattr(lrs, "post_statements", fake_lrs.post)
    assert sender.send_pending().sent == 2
    assert len(fake_lrs.batches) == 2 and fake_lrs.batches[0] == fake_lrs.batches[1]


def test_services_outbox_task_runs_after_commit(
    enrolled, fake_lrs, django_capture_on_commit_callbacks
):
    """The sender task is queued on commit: the statement is delivered after the event."""
    user, path = enrolled
    with django_capture_on_commit_callbacks(execute=True):
        learning_services.complete_activity(user=user, activity=lessons_of(path)[0])
    assert statements.VERBS["completed"] in {s["verb"]["id"] for s in fake_lrs.statements}
    assert not StatementOutbox.objects.unsent().exists()


# Erasure and resend ----------------------------------------------------------------------


def test_services_outbox_erasure_deletes_pending_and_voids_sent(enrolled, fake_lrs):
    """Erasing an agent deletes their unsent statements and voids the sent ones; nothing more
    is recorded for them."""
    user, path = enrolled
    first, second, _ = lessons_of(path)
    learning_services.complete_activity(user=user, activity=first)
    sender.send_pending()
    sent_ids = set(StatementOutbox.objects.filter(user=user).values_list("statement_id", flat=True))
    learning_services.complete_activity(user=user, activity=second)
    privacy_services.erase_account(user=user, confirmed_by=None)
    assert not StatementOutbox.objects.filter(user=user).exists()
    voiding = [
        row.statement
        for row in StatementOutbox.objects.unsent()
        if row.statement["verb"]["id"] == statements.VERBS["voided"]
    ]
    assert {str(v["object"]["id"]) for v in voiding} == {str(pk) for pk in sent_ids}
    assert all(v["object"]["objectType"] == "StatementRef" for v in voiding)
    assert not any(
        row.statement["object"].get("id") == statements.page_iri(second.pk)
        for row in StatementOutbox.objects.all()
    )


def test_commands_resend_xapi_statements_queues_the_period_again(enrolled, fake_lrs):
    """`resend_xapi_statements --since` rebuilds the period's statements and sends them again,
    with the same ids."""
    user, path = enrolled
    learning_services.complete_activity(user=user, activity=lessons_of(path)[0])
    sender.send_pending()
    first = {s["id"] for s in fake_lrs.statements}
    fake_lrs.batches.clear()
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    call_command("resend_xapi_statements", since=since)
    assert {s["id"] for s in fake_lrs.statements} == first
    assert StatementOutbox.objects.count() == len(first)


def test_commands_send_xapi_statements_reports(fake_lrs, capsys):
    """`send_xapi_statements` drains the outbox and says how many were sent."""
    pending(3)
    call_command("send_xapi_statements", batch_size=2)
    assert "3 statement(s) sent in 2 batch(es), 0 failed." in capsys.readouterr().out
