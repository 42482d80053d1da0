"""Backup and restore: `dumpdata learners` then emptying the learner tables and `loaddata`
gives back every row (users, enrolments, completions, attempts, registrations, certificates,
campaigns, exports, erasure requests) with its values. The audit log is excluded from the dump:
it is append-only (loading it over itself would rewrite events); it travels with `pg_dump`,
the real backup (README, "Backup and restore")."""

import io

import pytest
from django.core.management import call_command

from learners.accounts.models import OrgUnit, User
from learners.certification.models import Certificate
from learners.common.models import SentNotification
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.privacy.models import AuditEvent, ErasureRequest
from learners.sessions.models import SessionRegistration
from learners.team.models import Assignment, Campaign, TeamExport

pytestmark = pytest.mark.django_db

# Deleted children first; AuditEvent is append-only and stays.
MODELS = [
    Certificate,
    QuizAttempt,
    Assignment,
    Campaign,
    TeamExport,
    ErasureRequest,
    SentNotification,
    SessionRegistration,
    ActivityCompletion,
    Enrolment,
]


def state():
    """Every learner row, field by field (users without their last login, which login moves)."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}
    rows["User"] = list(User.objects.order_by("pk").values())
    rows["User.groups"] = sorted(User.groups.through.objects.values_list("user_id", "group_id"))
    rows["OrgUnit"] = list(OrgUnit.objects.order_by("pk").values())
    return rows


def test_backup_dumpdata_flush_loaddata_round_trips(world, tmp_path):
    """dumpdata learners → empty the tables → loaddata: same rows, same values."""
    before = state()
    assert all(before[name] for name in ("Certificate", "QuizAttempt", "Enrolment", "User"))
    # XML, not JSON: Django's JSON encoder cuts datetimes to milliseconds, and a certificate's
    # `enrolment_completed_at` must equal its enrolment's `completed_at` to the microsecond.
    dump = tmp_path / "learners.xml"
    out = io.StringIO()
    call_command(
        "dumpdata", "learners", "--exclude", "learners.auditevent", "--format", "xml", stdout=out
    )
    dump.write_text(out.getvalue())

    events = AuditEvent.objects.count()
    for model in MODELS:
        model.objects.all().delete()
    User.objects.all().delete()  # their groups, managed units, sessions…; audit actors → NULL
    OrgUnit.objects.all().delete()
    assert not User.objects.exists() and not Enrolment.objects.exists()

    call_command("loaddata", str(dump), verbosity=0)

    after = state()
    differences = [
        (name, b, a)
        for name in before
        for b, a in zip(before[name], after[name], strict=False)
        if a != b
    ]
    assert not differences, {n: {k for k in b if b[k] != a[k]} for n, b, a in differences[:3]}
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in before.items()
    }
    assert AuditEvent.objects.count() >= events
    certificate = Certificate.objects.get(pk=world.agent.certificate.pk)
    assert certificate.code == world.agent.certificate.code
    assert certificate.holder_name == world.agent.certificate.holder_name
    attempt = QuizAttempt.objects.get(pk=world.agent.attempt.pk)
    assert attempt.answers == world.agent.attempt.answers
    assert world.org.manager.managed_units.filter(pk=world.org.unit_a.pk).exists()
