"""RGPD erasure: confirmed by an administrator, the account is anonymised, aggregates are kept,
certificates revoked without the holder's name; and the retention command."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from learners.accounts.models import User
from learners.certification.models import Certificate
from learners.common.exceptions import NotAllowed
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.privacy import services
from learners.privacy.models import AuditEvent, ErasureRequest
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    return build_world()


def test_services_erasure_anonymises_and_keeps_aggregates(world):
    """Name, e-mail, password, ProConnect, allauth rows, answers go; counts and scores stay."""
    agent = world.org.a1
    agent.proconnect_uid = "pc-123"
    agent.save()
    EmailAddress.objects.get_or_create(user=agent, email=agent.email)
    SocialAccount.objects.create(user=agent, provider="proconnect", uid="pc-123")
    enrolments = Enrolment.objects.filter(user=agent).count()
    completions = ActivityCompletion.objects.filter(user=agent).count()
    score = QuizAttempt.objects.get(user=agent).score
    request = services.request_erasure(user=agent)

    services.confirm_erasure(erasure_request=request, confirmed_by=world.org.admin)

    agent = User.objects.get(pk=agent.pk)
    assert agent.get_full_name() == "Agent supprimé"
    assert agent.email == f"deleted-{agent.pk}@invalid.example"
    assert not agent.has_usable_password()
    assert not agent.is_active
    assert agent.proconnect_uid == ""
    assert not EmailAddress.objects.filter(user=agent).exists()
    assert not SocialAccount.objects.filter(user=agent).exists()
    attempt = QuizAttempt.objects.get(user=agent)
    assert attempt.answers == {}
    assert attempt.score == score
    assert Enrolment.objects.filter(user=agent).count() == enrolments
    assert ActivityCompletion.objects.filter(user=agent).count() == completions
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.DONE
    assert request.confirmed_by == world.org.admin
    event = AuditEvent.objects.for_target(agent).get(action=AuditEvent.Action.ACCOUNT_ERASED)
    assert event.actor == world.org.admin
    assert "Alice" in event.target_label  # the label is the one before erasing


def test_services_erasure_revokes_certificates_without_name(client, world):
    """The certificate is revoked "compte supprimé"; the public page shows no name."""
    services.erase_account(user=world.org.a1, confirmed_by=world.org.admin)
    certificate = Certificate.objects.get(pk=world.agent.certificate.pk)
    assert certificate.is_revoked
    assert certificate.revocation_reason == "compte supprimé"
    assert certificate.holder_name == ""
    body = client.get(
        reverse("certificate_verify_detail", args=[certificate.public_id])
    ).content.decode()
    assert "compte supprimé" in body
    assert "Titulaire" not in body
    assert "Alpha" not in body


def test_services_erasure_is_for_administrators_and_idempotent(world):
    """A manager cannot confirm; erasing twice records one event."""
    request = services.request_erasure(user=world.org.b1)
    with pytest.raises(NotAllowed):
        services.confirm_erasure(erasure_request=request, confirmed_by=world.org.manager)
    assert User.objects.get(pk=world.org.b1.pk).is_active
    services.erase_account(user=world.org.b1, confirmed_by=None)
    services.erase_account(user=world.org.b1, confirmed_by=None)
    events = AuditEvent.objects.for_target(world.org.b1).filter(
        action=AuditEvent.Action.ACCOUNT_ERASED
    )
    assert events.count() == 1


def test_views_erasure_admin_confirm(client, world):
    """The administrator lists pending requests and confirms one in the Wagtail admin."""
    request = services.request_erasure(user=world.org.a2)
    client.force_login(world.org.admin)
    listing = client.get(reverse("learners_erasure_index"))
    assert world.org.a2.email in listing.content.decode()
    response = client.post(reverse("learners_erasure_confirm", args=[request.pk]))
    assert response.status_code == 302
    assert not User.objects.get(pk=world.org.a2.pk).is_active


def test_views_erasure_admin_refuses_trainer(client, world):
    """A trainer reaches the admin but cannot confirm an erasure."""
    request = services.request_erasure(user=world.org.a3)
    client.force_login(world.org.trainer)
    client.post(reverse("learners_erasure_confirm", args=[request.pk]))
    assert User.objects.get(pk=world.org.a3.pk).is_active


def test_commands_purge_inactive_dry_run_then_run(world, capsys):
    """Accounts unused for N years: counted by --dry-run (nothing changed), then anonymised."""
    old = timezone.now() - datetime.timedelta(days=4 * 366)
    User.objects.filter(pk=world.org.d1.pk).update(last_login=old)
    User.objects.filter(pk=world.org.b1.pk).update(last_login=None, date_joined=old)
    call_command("purge_inactive", "--years", "3", "--dry-run")
    assert "2 account(s)" in capsys.readouterr().out
    assert User.objects.get(pk=world.org.d1.pk).is_active
    call_command("purge_inactive", "--years", "3")
    assert not User.objects.get(pk=world.org.d1.pk).is_active
    assert User.objects.get(pk=world.org.b1.pk).email.endswith("@invalid.example")
    assert User.objects.get(pk=world.org.a1.pk).is_active  # recent: kept
