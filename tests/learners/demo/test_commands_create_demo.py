"""`manage.py create_demo` builds the demo campus once: a second run changes nothing."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from learners.accounts.models import OrgUnit, User
from learners.certification.models import Certificate

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "units": OrgUnit.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "workflow_states": WorkflowState.objects.count(),
        "task_states": TaskState.objects.count(),
        "certificates": Certificate.objects.count(),
    }


def test_commands_create_demo_is_idempotent():
    """The fixed accounts, the organisation and 200 agents exist, and a second run adds nothing."""
    call_command("create_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("create_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first

    assert User.objects.filter(email__startswith="agent-").count() == 200
    for email in [
        "agent@campus.example",
        "manager@campus.example",
        "formateur@campus.example",
        "admin@campus.example",
    ]:
        assert User.objects.get(email=email).check_password("campus-demo-2026")
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.MINISTRY).count() == 2
    manager = User.objects.get(email="manager@campus.example")
    scope = OrgUnit.objects.descendants_of(manager.managed_units.all())
    assert User.objects.filter(org_unit__in=scope).count() >= 30
    assert User.objects.get(email="formateur@campus.example").groups.filter(name="Formateurs")
    assert User.objects.get(email="admin@campus.example").is_superuser


def test_commands_create_demo_trainer_path_awaits_review():
    """The demo trainer's draft path is submitted to "Relecture pédagogique" by the trainer,
    awaits the demo reviewer (and stays so after a second run), who may approve it as it is."""
    call_command("create_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("create_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    trainer = User.objects.get(email="formateur@campus.example")
    reviewer = User.objects.get(email="relecteur@campus.example")
    state = WorkflowState.objects.get()
    path = state.content_object
    assert not path.live and path.owner == trainer
    assert path.get_latest_revision().user == trainer
    assert state.workflow.name == "Relecture pédagogique"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == trainer
    assert list(TaskState.objects.reviewable_by(reviewer)) == [state.current_task_state]
    assert PageLogEntry.objects.filter(action="wagtail.workflow.start").count() == 1

    state.current_task_state.approve(user=reviewer)
    path.refresh_from_db()
    assert path.live and all(page.live for page in path.get_descendants())


@override_settings(DEBUG=False)
def test_commands_create_demo_refuses_without_debug():
    """With DEBUG false the command refuses to create known-password accounts unless --force."""
    with pytest.raises(CommandError, match="DEBUG is false"):
        call_command("create_demo")
    assert not User.objects.filter(email="admin@campus.example").exists()


def test_commands_create_demo_reset_rebuilds():
    """--reset deletes the demo people, their certificates and units, then rebuilds them: the
    campus ends as it was after the first run (no orphan certificate left behind)."""
    call_command("create_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    agent = User.objects.get(email="agent@campus.example")
    call_command("create_demo", force=True, reset=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.get(email="agent@campus.example").pk != agent.pk
    assert snapshot() == first
    assert not Certificate.objects.filter(user__isnull=True).exists()
    # The path in review is the new demo trainer's (the first one's account was deleted).
    assert WorkflowState.objects.get().requested_by.email == "formateur@campus.example"
    assert User.objects.filter(email__startswith="agent-").count() == 200


def test_commands_create_demo_certificates_render_their_pdf_on_download(client):
    """Demo certificates are issued without their PDF (WeasyPrint is slow); the first download
    renders and stores it."""
    call_command("create_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    certificates = Certificate.objects.filter(user__email__endswith="@campus.example")
    assert certificates.exists()
    assert not certificates.exclude(pdf="").exists()
    certificate = certificates.select_related("user").order_by("pk").first()
    client.force_login(certificate.user)
    response = client.get(reverse("certificate_pdf", args=[certificate.public_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    certificate.refresh_from_db()
    assert certificate.pdf.name
