"""Reliability: a worker killed in the middle of a task (simulated by an exception raised
half-way) leaves nothing half-done, and running the task again finishes the job exactly once.

Faults injected: the certificate PDF write (half the bytes written, then the crash), the
reminders (crash after the first e-mail), the team export (crash after the first row); plus
double submits of the session registration form.
"""

import os
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from learners.certification.models import Certificate
from learners.certification.tasks import generate_certificate_pdf
from learners.common.models import SentNotification
from learners.learning import services
from learners.sessions.models import SessionRegistration
from learners.team import exports
from learners.team.jobs import send_daily_reminders
from learners.team.models import TeamExport
from learners.team.tasks import build_team_export

pytestmark = pytest.mark.django_db


class WorkerKilled(Exception):
    """Stands for the worker's process dying at that point."""


def files_under(root) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file())


def test_faults_certificate_pdf_interrupted_write_then_rerun(
    world, settings, tmp_path, monkeypatch
):
    """Killed half-way through writing: no file, no .part left, `pdf` unset; the rerun stores
    exactly one complete PDF and sets `pdf` once."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    certificate = world.agent.certificate
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, content):
            self.handle.write(content[: len(content) // 2])
            raise WorkerKilled()

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(WorkerKilled):
        generate_certificate_pdf.call(certificate.pk)
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert files_under(tmp_path) == []
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == ""

    assert generate_certificate_pdf.call(certificate.pk) is True
    assert generate_certificate_pdf.call(certificate.pk) is True  # a duplicate run: no-op
    stored = files_under(tmp_path)
    assert len(stored) == 1
    assert not stored[0].name.endswith(".part")
    content = stored[0].read_bytes()
    assert content.startswith(b"%PDF") and content.rstrip().endswith(b"%%EOF")
    assert Certificate.objects.get(pk=certificate.pk).pdf.name.endswith(stored[0].name)


def test_faults_reminders_interrupted_after_first_email_then_rerun(world, monkeypatch):
    """Killed after the first e-mail: the rerun sends the others, never the first twice."""
    import learners.common.notifications as notifications

    real_send = notifications.EmailMessage.send
    calls = []

    def send_then_die(message, *args, **kwargs):
        if calls:
            raise WorkerKilled()
        calls.append(message)
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(notifications.EmailMessage, "send", send_then_die)
    mail.outbox.clear()
    with pytest.raises(WorkerKilled):
        send_daily_reminders.call()
    assert len(mail.outbox) == 1
    assert SentNotification.objects.count() == 1  # the crashed e-mail's record rolled back

    monkeypatch.setattr(notifications.EmailMessage, "send", real_send)
    send_daily_reminders.call()
    send_daily_reminders.call()  # a duplicate run sends nothing
    keys = list(SentNotification.objects.values_list("key", flat=True))
    assert len(mail.outbox) == len(keys) > 1
    recipients_subjects = [(tuple(m.to), m.subject) for m in mail.outbox]
    assert len(set(recipients_subjects)) == len(recipients_subjects)


def test_faults_team_export_interrupted_then_rerun(world, monkeypatch):
    """Killed after the first row: FAILED, no file; the rerun writes one complete file."""
    export = TeamExport.objects.create(requested_by=world.org.manager, table="agents", format="csv")
    # The export storage is resolved once, at import: count its files before and after.
    root = Path(export.file.storage.location)
    before = set(files_under(root))
    real_sheet_for = exports.sheet_for

    def dying_sheet(table, query):
        sheet = real_sheet_for(table, query)

        def rows():
            for number, row in enumerate(sheet.rows):
                if number == 1:
                    raise WorkerKilled()
                yield row

        return exports.Sheet(sheet.name, sheet.headings, rows())

    monkeypatch.setattr(exports, "sheet_for", dying_sheet)
    with pytest.raises(WorkerKilled):
        build_team_export.call(export.pk)
    export.refresh_from_db()
    assert export.status == TeamExport.Status.FAILED
    assert not export.file
    assert set(files_under(root)) == before

    monkeypatch.setattr(exports, "sheet_for", real_sheet_for)
    assert build_team_export.call(export.pk) == TeamExport.Status.READY
    assert build_team_export.call(export.pk) == TeamExport.Status.READY
    export.refresh_from_db()
    stored = sorted(set(files_under(root)) - before)
    assert len(stored) == 1
    assert export.file.path == str(stored[0])
    lines = stored[0].read_text(encoding="utf-8-sig").strip().splitlines()
    assert export.row_count >= 2
    assert len(lines) == export.row_count + 1  # headings + every row


def test_faults_session_registration_double_submit_registers_once(client, world):
    """Two POSTs of the registration form (double click): one registration."""
    agent = world.org.d1
    client.force_login(agent)

    services.enrol(user=agent, path=world.path)
    url = reverse("register_session", args=[world.session.pk])
    client.post(url)
    client.post(url)
    assert SessionRegistration.objects.filter(user=agent, session=world.session).count() == 1
