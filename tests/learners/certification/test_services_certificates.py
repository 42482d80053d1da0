"""Certification services: the rule, issuance exactly once, snapshots, revocation, renewal.

Every test needs the database. On-commit callbacks (the completion signal, the tasks) run
through `django_capture_on_commit_callbacks(execute=True)`, as they would after a commit.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from courses.factories import publish
from learners.certification import services as certification_services
from learners.certification.models import Certificate, format_code, normalise_code
from learners.certification.services import (
    RenewalNotAvailable,
    RevocationReasonRequired,
)
from learners.common.dates import add_months
from learners.common.exceptions import NotAllowed, NotEnrolled
from learners.common.models import SentNotification
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, Enrolment
from tests.learners.certification.fixtures import (
    agent,
    certified,
    do_activities,
    learning_path,
)

pytestmark = pytest.mark.django_db


def enrolment_of(user, path) -> Enrolment:
    return Enrolment.objects.get(user=user, path=path)


# Rule ---------------------------------------------------------------------------------------


def test_services_certificates_rule_met_when_every_criterion_is():
    """Lessons done, quiz passed above the minimum, session attended: the rule is met."""
    user, admin = agent(), agent(email="admin-rule@campus.example", is_superuser=True)
    path = learning_path(session_module=True)
    do_activities(user, path, attend_by=admin)
    result = certification_services.evaluate_certification_rule(enrolment_of(user, path))
    assert result.met, result.missing
    assert result.missing == []
    assert list(result.quiz_scores.values()) == [100]


def test_services_certificates_rule_requires_every_required_activity():
    """A required lesson not completed is named in what is missing."""
    user = agent()
    path = learning_path(lessons=2)
    do_activities(user, path, skip={"Leçon 2"})
    result = certification_services.evaluate_certification_rule(enrolment_of(user, path))
    assert not result.met
    assert result.missing == ["Terminer l’activité « Leçon 2 »."]


def test_services_certificates_rule_ignores_optional_activities():
    """An optional lesson left aside does not block the certificate."""
    user = agent()
    path = learning_path(optional_lesson=True)
    do_activities(user, path, skip={"Pour aller plus loin"})
    assert certification_services.evaluate_certification_rule(enrolment_of(user, path)).met


def test_services_certificates_rule_uses_each_quiz_pass_mark():
    """One pass mark: the quiz's own. Passed at 33 % with a pass mark of 30 %, the path is
    completed and the rule is met (there is no separate path-wide minimum to miss)."""
    user = agent()
    path = learning_path(pass_mark=30)
    do_activities(user, path, quiz_right=1)
    enrolment = enrolment_of(user, path)
    assert enrolment.is_completed
    result = certification_services.evaluate_certification_rule(enrolment)
    assert result.met, result.missing
    assert list(result.quiz_scores.values()) == [33]


def test_services_certificates_rule_names_the_quiz_and_its_pass_mark():
    """A required quiz not passed is named with its pass mark and the best score so far."""
    user = agent()
    path = learning_path(pass_mark=70)
    do_activities(user, path, quiz_right=1)
    result = certification_services.evaluate_certification_rule(enrolment_of(user, path))
    assert not result.met
    assert result.missing == [
        "Réussir le quiz « Quiz des bases » (au moins 70 % ; meilleur score : 33 %)."
    ]


def test_services_certificates_rule_requires_attendance_at_required_sessions():
    """A required session activity without attendance is missing, even if a completion was
    recorded for it some other way."""
    user = agent()
    path = learning_path(session_module=True)
    do_activities(user, path)  # no attendance marked
    result = certification_services.evaluate_certification_rule(enrolment_of(user, path))
    assert result.missing == ["Être présent ou présente à une session du module « Atelier »."]
    workshop = Page.objects.get(title="Atelier", path__startswith=path.path).specific
    learning_services.complete_activity(user=user, activity=workshop)
    assert enrolment_of(user, path).is_completed
    result = certification_services.evaluate_certification_rule(enrolment_of(user, path))
    assert result.missing == ["Être présent ou présente à une session du module « Atelier »."]


def test_services_certificates_rule_skips_sessions_whose_attendance_is_optional():
    """A session module with attendance not required is not a criterion."""
    user = agent()
    path = learning_path(session_module=True, attendance_required=False)
    do_activities(user, path)
    assert certification_services.evaluate_certification_rule(enrolment_of(user, path)).met


# Issuance -----------------------------------------------------------------------------------


def test_services_certificates_issued_on_completion_with_snapshot(
    django_capture_on_commit_callbacks, signing_key
):
    """Completing the path issues one certificate, snapshotting what it certifies."""
    user = agent()
    path = learning_path()
    path.certificate_validity_months = 24
    publish(path)
    before = timezone.now()
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    assert certificate is not None
    enrolment = enrolment_of(user, path)
    assert certificate.enrolment == enrolment
    assert certificate.enrolment_completed_at == enrolment.completed_at
    assert certificate.holder_name == "Camille Martin"
    assert certificate.path_title == path.title
    assert certificate.path_revision_id == path.live_revision_id
    assert certificate.duration_minutes == path.estimated_duration_minutes == 50
    assert certificate.issued_at >= before
    assert certificate.expires_at == add_months(certificate.issued_at, 24)
    assert certificate.status == Certificate.Status.VALID
    assert certificate.credential_jwt.count(".") == 2
    assert certificate.pdf.name.endswith(f"{certificate.public_id}.pdf")
    assert certificate.pdf.storage.exists(certificate.pdf.name)


def test_services_certificates_email_in_french_with_links(
    django_capture_on_commit_callbacks, signing_key
):
    """The agent gets one e-mail, in French, with the PDF, badge and verification links."""
    user = agent()
    path = learning_path(title="Accessibilité numérique")
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    sent = [m for m in mail.outbox if "certificat" in m.subject.lower()]
    assert len(sent) == 1
    message = sent[0]
    assert message.to == [user.email]
    assert message.subject == "Votre certificat : Accessibilité numérique"
    assert (
        f"http://testserver/mon-espace/certificats/{certificate.public_id}/attestation.pdf"
        in message.body
    )
    assert (
        f"http://testserver/mon-espace/certificats/{certificate.public_id}/credential.jwt"
        in message.body
    )
    assert f"http://testserver/certificats/verifier/{certificate.public_id}/" in message.body
    assert certificate.display_code in message.body
    assert "Félicitations" in message.body


def test_services_certificates_issue_is_idempotent(django_capture_on_commit_callbacks):
    """Issuing again, or re-running the tasks, gives the same certificate and no new e-mail."""
    from learners.certification import jobs, tasks

    user = agent()
    path = learning_path()
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    outbox = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = certification_services.issue_certificate(enrolment=enrolment_of(user, path))
        jobs.issue_certificate_for_enrolment.enqueue(enrolment_of(user, path).pk)
        tasks.send_certificate_issued.enqueue(certificate.pk)
        tasks.generate_certificate_pdf.enqueue(certificate.pk)
    assert again == certificate
    assert again.created is False
    assert Certificate.objects.count() == 1
    assert len(mail.outbox) == outbox
    assert SentNotification.objects.filter(kind="certificate_issued").count() == 1


def test_services_certificates_none_before_completion():
    """An enrolment in progress gets no certificate."""
    user = agent()
    path = learning_path(lessons=2)
    do_activities(user, path, skip={"Leçon 2"})
    assert certification_services.issue_certificate(enrolment=enrolment_of(user, path)) is None
    assert not Certificate.objects.exists()


def test_services_certificates_issued_without_key_then_signed_on_demand(
    django_capture_on_commit_callbacks, settings, rsa_pem
):
    """Without a configured key the certificate is issued; its credential is signed later."""
    settings.OPENBADGES_SIGNING_KEYS = []
    certificate = certified(agent(), learning_path(), django_capture_on_commit_callbacks)
    assert certificate is not None
    assert certificate.credential_jwt == ""
    settings.OPENBADGES_SIGNING_KEYS = [rsa_pem]
    token = certification_services.ensure_credential(certificate=certificate)
    certificate.refresh_from_db()
    assert certificate.credential_jwt == token


def test_services_certificates_snapshot_unchanged_when_path_renamed(
    django_capture_on_commit_callbacks,
):
    """Renaming the path (or the agent) afterwards changes nothing on the certificate."""
    user = agent()
    path = learning_path(title="Titre d’origine")
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    revision = certificate.path_revision_id
    path.title = "Nouveau titre"
    publish(path)
    user.first_name, user.last_name = "Claude", "Autre"
    user.save()
    certificate.refresh_from_db()
    assert certificate.path_title == "Titre d’origine"
    assert certificate.holder_name == "Camille Martin"
    assert certificate.path_revision_id == revision
    assert path.live_revision_id != revision


def test_services_certificates_kept_when_account_deleted(django_capture_on_commit_callbacks):
    """Deleting the account keeps the certificate (holder name snapshot) for verification."""
    user = agent()
    certificate = certified(user, learning_path(), django_capture_on_commit_callbacks)
    user.delete()
    certificate.refresh_from_db()
    assert certificate.user is None
    assert certificate.enrolment is None
    assert certificate.holder_name == "Camille Martin"


def test_services_certificates_identifiers_random_and_typeable(django_capture_on_commit_callbacks):
    """public_id carries 128 random bits; the code is 10 Crockford characters, typed loosely."""
    certificate = certified(agent(), learning_path(), django_capture_on_commit_callbacks)
    assert len(certificate.public_id) == 22  # 16 bytes, URL-safe base64
    assert certificate.public_id != str(certificate.pk)
    assert len(certificate.code) == 10
    typed = format_code(certificate.code).lower()
    assert Certificate.objects.by_code(typed) == certificate
    assert Certificate.objects.by_code(" " + typed.replace("-", " ") + " ") == certificate
    assert normalise_code("0OIl1-ABCDE") == "00111ABCDE"
    assert normalise_code("trop-court") is None
    assert normalise_code("ABCDE-FGHIU") is None  # U is not in the alphabet


def test_services_certificates_add_months_clamps_the_day():
    """31 January + 1 month is the last day of February."""
    moment = datetime.datetime(2027, 1, 31, 10, 0, tzinfo=datetime.UTC)
    assert add_months(moment, 1) == datetime.datetime(2027, 2, 28, 10, 0, tzinfo=datetime.UTC)
    assert add_months(moment, 13).date() == datetime.date(2028, 2, 29)
    assert add_months(moment, 24).date() == datetime.date(2029, 1, 31)


def test_services_certificates_status_expired_after_expiry(django_capture_on_commit_callbacks):
    """Past its expiry date, a certificate is expired."""
    certificate = certified(agent(), learning_path(), django_capture_on_commit_callbacks)
    certificate.expires_at = timezone.now() - datetime.timedelta(days=1)
    certificate.save()
    assert certificate.status == Certificate.Status.EXPIRED
    assert list(Certificate.objects.expired()) == [certificate]
    assert not Certificate.objects.valid().exists()


# Revocation ---------------------------------------------------------------------------------


def test_services_certificates_revoke_records_who_when_and_why(
    django_capture_on_commit_callbacks, administrator
):
    """An administrator revokes with a reason; a second revocation keeps the first."""
    certificate = certified(agent(), learning_path(), django_capture_on_commit_callbacks)
    certification_services.revoke_certificate(
        certificate=certificate, reason=" Fraude ", revoked_by=administrator
    )
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by == administrator
    assert certificate.revocation_reason == "Fraude"
    first = certificate.revoked_at
    certification_services.revoke_certificate(
        certificate=certificate, reason="Autre", revoked_by=administrator
    )
    assert (certificate.revoked_at, certificate.revocation_reason) == (first, "Fraude")


def test_services_certificates_revoke_needs_reason_and_administrator(
    django_capture_on_commit_callbacks, administrator
):
    """No reason, or an agent who is not an administrator: refused."""
    user = agent()
    certificate = certified(user, learning_path(), django_capture_on_commit_callbacks)
    with pytest.raises(RevocationReasonRequired):
        certification_services.revoke_certificate(
            certificate=certificate, reason="  ", revoked_by=administrator
        )
    with pytest.raises(NotAllowed):
        certification_services.revoke_certificate(
            certificate=certificate, reason="Erreur", revoked_by=user
        )
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


# Renewal ------------------------------------------------------------------------------------


def test_services_certificates_renewal_issues_a_new_certificate(django_capture_on_commit_callbacks):
    """Expired: the agent renews, completes the path again, and gets a new certificate; the
    old one stays in history, linked to the new one."""
    user = agent()
    path = learning_path()
    path.certificate_validity_months = 12
    publish(path)
    old = certified(user, path, django_capture_on_commit_callbacks)
    Certificate.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = certification_services.renew_certification(user=user, path=path)
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.progress_percent == 0 and enrolment.completed_at is None
    assert not ActivityCompletion.objects.filter(user=user, path=path).exists()
    # Old quiz scores do not count for the new cycle.
    rule = certification_services.evaluate_certification_rule(enrolment_of(user, path))
    assert rule.quiz_scores == {}
    assert "Réussir le quiz « Quiz des bases » (au moins 70 %)." in rule.missing

    new = certified(user, path, django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert new != old
    assert old.superseded_by == new
    assert old.status == Certificate.Status.EXPIRED
    assert new.status == Certificate.Status.VALID
    assert Certificate.objects.filter(user=user, path=path).count() == 2


def test_services_certificates_renewal_refused_while_valid(django_capture_on_commit_callbacks):
    """A certificate far from its expiry, or without one, cannot be renewed yet."""
    user = agent()
    path = learning_path()
    certified(user, path, django_capture_on_commit_callbacks)
    with pytest.raises(RenewalNotAvailable):
        certification_services.renew_certification(user=user, path=path)
    with pytest.raises(NotEnrolled):
        certification_services.renew_certification(
            user=agent(email="autre@campus.example"), path=path
        )


def test_services_certificates_renewal_opens_before_expiry(django_capture_on_commit_callbacks):
    """Sixty days before expiry, renewal is open; a revoked certificate is never renewable."""
    from learners.certification.selectors import may_renew

    certificate = certified(agent(), learning_path(), django_capture_on_commit_callbacks)
    certificate.expires_at = timezone.now() + datetime.timedelta(days=59)
    assert may_renew(certificate)
    certificate.expires_at = timezone.now() + datetime.timedelta(days=61)
    assert not may_renew(certificate)
    certificate.expires_at = timezone.now() - datetime.timedelta(days=1)
    certificate.revoked_at = timezone.now()
    assert not may_renew(certificate)


def test_services_certificates_database_refuses_a_second_certificate_per_completion(
    django_capture_on_commit_callbacks,
):
    """The unique constraint backs the service: one certificate per completion cycle."""
    from django.db import IntegrityError, transaction

    certificate = certified(agent(), learning_path(), django_capture_on_commit_callbacks)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            enrolment=certificate.enrolment,
            enrolment_completed_at=certificate.enrolment_completed_at,
            holder_name="Double",
            path_title="Double",
        )
