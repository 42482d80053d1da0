"""`manage.py send_reminders`: due-soon and overdue reminders, one digest per manager, expiring
certificates — each sent once, however often it runs."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learners.certification.models import Certificate
from learners.common.models import SentNotification
from learners.learning.models import Enrolment
from learners.team.models import Assignment, Campaign
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(module_db):
    org = build_org()
    today = timezone.localdate()
    # a2 must also finish P2 within 5 days.
    enrolment = Enrolment.objects.create(user=org.a2, path=org.p2, origin=Enrolment.Origin.ASSIGNED)
    org.due_soon = Campaign.objects.create(
        title="P2 bientôt",
        path=org.p2,
        created_by=org.manager,
        unit=org.unit_a,
        due_date=today + datetime.timedelta(days=5),
    )
    Assignment.objects.create(
        campaign=org.due_soon, user=org.a2, enrolment=enrolment, due_date=org.due_soon.due_date
    )
    expires = timezone.now() + datetime.timedelta(days=10)
    org.certificate = Certificate.objects.create(
        user=org.d1,
        path=org.p2,
        enrolment=Enrolment.objects.get(user=org.d1, path=org.p2),
        enrolment_completed_at=timezone.now() - datetime.timedelta(days=355),
        holder_name="Emma Echo",
        path_title="Parcours P2",
        expires_at=expires,
    )
    return org


def run(date=None) -> str:
    out = io.StringIO()
    args = ["--date", date.isoformat()] if date else []
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_commands_send_reminders_first_run(org, settings):
    """Due soon (a2, P2), overdue (a2, a3, b1), a digest for each manager, the expiring
    certificate: 7 e-mails."""
    settings.REMINDER_DAYS_BEFORE_DUE = 7
    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 30
    output = run()
    assert "1 due soon, 3 overdue, 2 manager digests, 1 expiring certificates" in output
    by_recipient = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert [to for to, _subject in by_recipient] == [
        "a2@campus.example",
        "a2@campus.example",
        "a3@campus.example",
        "b1@campus.example",
        "d1@campus.example",
        "responsable-a@campus.example",
        "responsable-b@campus.example",
    ]
    subjects = {m.subject for m in mail.outbox}
    assert (
        f"Rappel : « Parcours P2 » à terminer avant le {org.due_soon.due_date:%d/%m/%Y}" in subjects
    )
    assert "Échéance dépassée : « Parcours P1 »" in subjects
    expires = timezone.localtime(org.certificate.expires_at)
    assert f"Votre attestation « Parcours P2 » expire le {expires:%d/%m/%Y}" in subjects


def test_commands_send_reminders_digest_contents(org):
    """The manager of A's digest lists their two late agents, and not bureau B's."""
    run()
    (digest,) = [m for m in mail.outbox if m.to == ["responsable-a@campus.example"]]
    assert digest.subject == "Formations obligatoires en retard dans votre équipe (2)"
    assert "Bruno Bravo (Bureau A) : « Parcours P1 »" in digest.body
    assert "Chloé Charlie (Section A1) : « Parcours P1 »" in digest.body
    assert "progression 50 %" in digest.body and "nouveau retard" in digest.body
    assert "Delta" not in digest.body
    assert "http://testserver/equipe/" in digest.body


def test_commands_send_reminders_twice_sends_once(org):
    """A second run the same day — or the next day — sends nothing more."""
    run()
    count = len(mail.outbox)
    output = run()
    assert "0 due soon, 0 overdue, 0 manager digests, 0 expiring certificates" in output
    run(timezone.localdate() + datetime.timedelta(days=1))
    assert len(mail.outbox) == count
    keys = set(SentNotification.objects.values_list("key", flat=True))
    assert (
        f"assignment_overdue:{Assignment.objects.get(campaign=org.campaign_a, user=org.a2).pk}"
        in keys
    )
    assert f"manager_digest:{org.manager.pk}:{timezone.localdate().isoformat()}" in keys
    assert f"certificate_expiring:{org.certificate.pk}" in keys


def test_commands_send_reminders_new_lateness_sends_a_new_digest(org):
    """When a2's P2 becomes late six days later, a2 is told and the manager of A gets a new
    digest listing the three late assignments; the manager of B gets nothing new."""
    run()
    mail.outbox.clear()
    later = timezone.localdate() + datetime.timedelta(days=6)
    output = run(later)
    assert "0 due soon, 1 overdue, 1 manager digests" in output
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["a2@campus.example", "responsable-a@campus.example"]
    digest = next(m for m in mail.outbox if m.to == ["responsable-a@campus.example"])
    assert "(3)" in digest.subject
    assert digest.body.count("nouveau retard") == 1


def test_commands_send_reminders_completed_and_revoked_are_skipped(org):
    """A completed assignment and a revoked certificate get no reminder."""
    Enrolment.objects.filter(user=org.a2, path=org.p2).update(status=Enrolment.Status.COMPLETED)
    Certificate.objects.filter(pk=org.certificate.pk).update(revoked_at=timezone.now())
    output = run()
    assert "0 due soon" in output and "0 expiring certificates" in output


def test_commands_send_reminders_task_wraps_the_service(org):
    """The worker's task runs the same reminders."""
    from learners.team.jobs import send_daily_reminders

    result = send_daily_reminders.enqueue()
    assert result.return_value["overdue"] == 3
