"""Certificates: the certification rule, issuance exactly once, revocation, renewal.

Certification rule (`evaluate_certification_rule`), on the path's published structure:
1. every required lesson and quiz is completed;
2. the agent attended a session of every module whose attendance is required (a session
   activity is completed only by attendance marked by the trainer; we also check the
   attendance itself);
3. the agent's best score on every required quiz reaches that quiz's pass mark
   (`QuizPage.pass_mark`: the one pass mark, shown on the quiz, in the path's programme and in
   the certificate's criteria; there is no separate path-wide minimum).
Within a renewal cycle, only quiz attempts and attendances recorded since the previous cycle's
completion count: a quiz passed in an earlier cycle must be passed again.

Exactly once: `issue_certificate` locks the enrolment row, returns the certificate of the
enrolment's current certification cycle when there is one, and otherwise inserts it under the
unique constraint (enrolment, cycle) — a concurrent or retried insert that loses the race finds
the winner's row. E-mail (`certificate_issued:<id>`, sent once by `deliver_once`) and PDF
generation are queued after commit.

Holder's name: a certificate is issued in the agent's first and last names, never in their
e-mail address (the database refuses an address: `learners_certificate_holder_name_not_email`).
An agent without names (`User.has_name`) is issued nothing yet: Mon espace and the path page ask
them to fill in Mon profil, and `issue_certificates_awaiting_name` issues the certificates their
completed paths waited for once they do (a PDF in a neutral "its holder" would be of no use to
them). The name is frozen at issuance: correcting it later leaves issued certificates as they
are, except those issued without a name (before names were asked), which take the first one.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.selectors import path_outline
from learners.accounts import permissions
from learners.certification import tasks
from learners.certification.models import Certificate
from learners.certification.selectors import may_renew
from learners.common.dates import add_months
from learners.common.exceptions import LearnerServiceError, NotAllowed, NotEnrolled, NotFound
from learners.common.notifications import enqueue_on_commit
from learners.learning.models import ActivityCompletion, Enrolment, PackageAttempt, QuizAttempt
from learners.sessions.models import SessionRegistration

logger = logging.getLogger(__name__)

# Renewal opens this long before a certificate expires (and stays open once it has expired).


class RevocationReasonRequired(LearnerServiceError):
    message = gettext_lazy("Indiquez le motif de la révocation.")


class RenewalNotAvailable(LearnerServiceError):
    message = gettext_lazy(
        "Ce certificat ne peut pas encore être renouvelé : le renouvellement ouvre à l’approche "
        "de sa date d’expiration."
    )


@dataclass(frozen=True)
class RuleResult:
    """Whether an enrolment meets its path's certification rule, and what is missing (French)."""

    met: bool
    missing: list[str] = field(default_factory=list)
    quiz_scores: dict[int, int] = field(default_factory=dict)  # best score per required quiz


def _cycle_start(enrolment) -> datetime.datetime | None:
    """Start of the enrolment's current certification cycle: its last renewal (None for the
    first cycle). Attempts and attendances before it belong to earlier cycles."""
    return enrolment.cycle_started_at


def evaluate_certification_rule(enrolment, *, outline=None) -> RuleResult:
    """Check the path's certification rule for `enrolment` (see the module docstring).

    Constant number of queries: the outline (4), completions, best scores, attendances and the
    previous cycle (1 each).
    """
    path = enrolment.path
    outline = outline or path_outline(path)
    since = _cycle_start(enrolment)
    completed = set(
        ActivityCompletion.objects.filter(user_id=enrolment.user_id, path=path).values_list(
            "activity_id", flat=True
        )
    )
    required = [activity for activity in outline.activities if activity.required]
    session_modules = [a.id for a in required if a.kind == "session"]
    attended = set()
    if session_modules:
        registrations = SessionRegistration.objects.filter(
            user_id=enrolment.user_id, session__course_id__in=session_modules, attended=True
        )
        if since is not None:
            registrations = registrations.filter(attendance_marked_at__gt=since)
        attended = set(registrations.values_list("session__course_id", flat=True))

    missing = []
    for activity in required:
        if activity.kind == "session":
            if activity.id not in completed or activity.id not in attended:
                missing.append(
                    _("Être présent ou présente à une session du module « %(title)s ».")
                    % {"title": activity.title}
                )
        elif activity.kind != "quiz" and activity.id not in completed:  # quizzes: below
            missing.append(_("Terminer l’activité « %(title)s ».") % {"title": activity.title})

    quizzes = [a for a in required if a.kind == "quiz"]
    best = {}
    if quizzes:
        attempts = QuizAttempt.objects.filter(
            user_id=enrolment.user_id, quiz_id__in=[quiz.id for quiz in quizzes]
        )
        if since is not None:
            attempts = attempts.filter(submitted_at__gt=since)
        best = dict(
            attempts.values("quiz_id").annotate(best=Max("score")).values_list("quiz_id", "best")
        )
        for quiz in quizzes:
            score = best.get(quiz.id)
            if score is None:
                missing.append(
                    _("Réussir le quiz « %(title)s » (au moins %(mark)s %%).")
                    % {"title": quiz.title, "mark": quiz.pass_mark}
                )
            elif score < quiz.pass_mark:
                missing.append(
                    _(
                        "Réussir le quiz « %(title)s » (au moins %(mark)s %% ; "
                        "meilleur score : %(score)s %%)."
                    )
                    % {"title": quiz.title, "mark": quiz.pass_mark, "score": score}
                )
    if not missing and not enrolment.is_completed:
        missing.append(_("Terminer le parcours."))
    return RuleResult(met=not missing, missing=missing, quiz_scores=best)


def completion_note(enrolment) -> str:
    """`learners.learning.selectors.completion_notes` hook: where the certificate of a path the
    agent just completed is, or why there is none yet (safe HTML, 1–7 queries)."""
    certificates = reverse("dashboard") + "#certificats"
    issued = Certificate.objects.filter(enrolment=enrolment, cycle=enrolment.certification_cycle)
    if issued.exists():
        return format_html(
            _('Votre certificat est prêt : <a href="{url}">voir mon certificat</a>.'),
            url=certificates,
        )
    rule = evaluate_certification_rule(enrolment)
    if rule.met:
        return format_html(
            _(
                "Votre certificat est en cours de création : il sera dans "
                '<a href="{url}">Mon espace</a> dans quelques instants.'
            ),
            url=certificates,
        )
    return format_html(_("Pas encore de certificat : {missing}"), missing=" ".join(rule.missing))


def _lock(enrolment_id: int) -> bool:
    """Lock the enrolment row (a no-op UPDATE, see services/_locks.py); False if it is gone."""
    return bool(
        Enrolment.objects.filter(pk=enrolment_id).update(
            progress_percent=F("progress_percent"), updated_at=F("updated_at")
        )
    )


def _current_certificate(enrolment) -> Certificate | None:
    return Certificate.objects.filter(
        enrolment=enrolment, cycle=enrolment.certification_cycle
    ).first()


def issue_certificate(*, enrolment, notify: bool = True) -> Certificate | None:
    """Issue the certificate of the enrolment's current completion, once.

    Returns the certificate (with `created` True when issued now), or None when the enrolment
    is not completed or does not meet the rule. Safe to call any number of times, concurrently.
    With `notify=False` (demo data), no e-mail is sent and the PDF is rendered on first download.
    """
    with transaction.atomic():
        if not _lock(enrolment.pk):
            return None
        enrolment = Enrolment.objects.select_related("user", "path").get(pk=enrolment.pk)
        if not enrolment.is_completed or enrolment.completed_at is None:
            return None
        existing = _current_certificate(enrolment)
        if existing is not None:
            existing.created = False
            return existing
        rule = evaluate_certification_rule(enrolment)
        if not rule.met:
            logger.info("Enrolment %s completed without meeting the rule: %s", enrolment.pk, rule)
            return None
        if not enrolment.user.has_name:
            logger.info("Enrolment %s: the certificate waits for the agent's names", enrolment.pk)
            return None
        certificate = _insert(enrolment)
        if not certificate.created:
            return certificate
        _supersede_previous(certificate)
        _sign(certificate, email=enrolment.user.email)
        if notify:
            _queue_documents(certificate)
    return certificate


def _insert(enrolment) -> Certificate:
    path, user = enrolment.path, enrolment.user
    now = timezone.now()
    validity = path.certificate_validity_months
    for _attempt in range(3):
        certificate = Certificate(
            user=user,
            enrolment=enrolment,
            path=path,
            cycle=enrolment.certification_cycle,
            enrolment_completed_at=enrolment.completed_at,
            holder_name=user.get_full_name().strip(),
            path_title=path.title,
            path_revision_id=path.live_revision_id,
            duration_minutes=path.estimated_duration_minutes or enrolment.completed_minutes,
            issued_at=now,
            expires_at=add_months(now, validity) if validity else None,
        )
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            existing = _current_certificate(enrolment)
            if existing is not None:  # another issuer won the race
                existing.created = False
                return existing
            continue  # a random identifier collided: draw new ones
        certificate.created = True
        return certificate
    raise IntegrityError("Could not draw unique certificate identifiers.")


def issue_certificates_awaiting_name(*, user) -> list[Certificate]:
    """The agent has just given their names: give them to their certificates issued without a
    name (their credential and PDF are made again at the next download), and issue those their
    completed paths waited for. Returns the certificates issued now; idempotent."""
    if not user.has_name:
        return []
    with transaction.atomic():
        Certificate.objects.filter(user=user, holder_name="", revoked_at__isnull=True).update(
            holder_name=user.get_full_name().strip(), credential_jwt="", pdf=""
        )
    completed = Enrolment.objects.filter(user=user, status=Enrolment.Status.COMPLETED)
    issued = []
    for enrolment in completed:
        certificate = issue_certificate(enrolment=enrolment)
        if certificate is not None and certificate.created:
            issued.append(certificate)
    return issued


def _supersede_previous(certificate: Certificate) -> None:
    """Link the agent's previous certificate for this path to its renewal."""
    previous = (
        Certificate.objects.filter(
            user_id=certificate.user_id, path_id=certificate.path_id, superseded_by__isnull=True
        )
        .exclude(pk=certificate.pk)
        .order_by("-issued_at")
        .first()
    )
    if previous is not None:
        Certificate.objects.filter(pk=previous.pk).update(superseded_by=certificate)


def _sign(certificate: Certificate, *, email: str) -> None:
    from learners.certification.openbadges import credentials, keys

    try:
        certificate.credential_jwt = credentials.credential_jwt(certificate, email=email)
    except keys.SigningKeyMissing:
        # Once per process: the system check (learners.W501) says it at start-up already.
        if not _warned["signing_key"]:
            _warned["signing_key"] = True
            logger.warning(
                "No Open Badges signing key: certificates are issued without their credential "
                "(first: %s); `manage.py ensure_signing_key` creates one.",
                certificate.pk,
            )
        return
    Certificate.objects.filter(pk=certificate.pk).update(credential_jwt=certificate.credential_jwt)


_warned = {"signing_key": False}


def _queue_documents(certificate: Certificate) -> None:
    enqueue_on_commit(tasks.generate_certificate_pdf, certificate.pk)
    enqueue_on_commit(tasks.send_certificate_issued, certificate.pk)


def ensure_credential(*, certificate: Certificate) -> str:
    """The certificate's signed credential, signed now if it was issued without a key
    (raises `openbadges.keys.SigningKeyMissing` while none is configured)."""
    from learners.certification.openbadges import credentials

    if not certificate.credential_jwt:
        email = certificate.user.email if certificate.user_id else None
        certificate.credential_jwt = credentials.credential_jwt(certificate, email=email)
        Certificate.objects.filter(pk=certificate.pk, credential_jwt="").update(
            credential_jwt=certificate.credential_jwt
        )
    return certificate.credential_jwt


def revoke_certificate(*, certificate: Certificate, reason: str, revoked_by) -> Certificate:
    """Revoke `certificate` for `reason` (required), recording who and when.

    `revoked_by` must be an administrator, or None for the campus itself (an account deleted).
    Revoking again keeps the first revocation.
    """
    reason = (reason or "").strip()
    if not reason:
        raise RevocationReasonRequired()
    if revoked_by is not None and not permissions.is_administrator(revoked_by):
        raise NotAllowed(_("Seuls les administrateurs peuvent révoquer un certificat."))
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=revoked_by, revocation_reason=reason
        )
        certificate.refresh_from_db()
    return certificate


def renew_certification(*, user, path) -> Enrolment:
    """Start a new cycle of the path to renew the agent's expiring or expired certificate.

    The enrolment becomes "inscrit" again with no progress: the agent's completions in the path
    and their SCORM and H5P states are deleted (the previous cycle stays recorded in its
    certificate, kept in history and linked to the new one once issued). Completing the path
    again issues a new certificate.
    Raises `NotEnrolled` without a completed enrolment and `RenewalNotAvailable` when the
    latest certificate cannot be renewed (yet).
    """
    from learners.learning.tasks import send_enrolment_confirmed

    if not path.live:
        raise NotFound(_("Ce parcours n’est pas publié."))
    with transaction.atomic():
        enrolment = Enrolment.objects.filter(user=user, path=path).first()
        if enrolment is None or not _lock(enrolment.pk):
            raise NotEnrolled()
        enrolment.refresh_from_db()
        certificate = _current_certificate(enrolment) if enrolment.is_completed else None
        if certificate is None or not may_renew(certificate):
            raise RenewalNotAvailable()
        now = timezone.now()
        ActivityCompletion.objects.filter(user=user, path=path).delete()
        # SCORM and H5P states belong to the cycle too: a package still "completed" would
        # never report its completion again.
        PackageAttempt.objects.filter(user=user, path=path).delete()
        changes = {
            "status": Enrolment.Status.ENROLLED,
            "enrolled_at": now,
            "cycle_started_at": now,
            "certification_cycle": enrolment.certification_cycle + 1,
            "started_at": None,
            "completed_at": None,
            "abandoned_at": None,
            "last_activity_at": now,
            "progress_percent": 0,
            "completed_minutes": 0,
        }
        Enrolment.objects.filter(pk=enrolment.pk).update(**changes)
        for name, value in changes.items():
            setattr(enrolment, name, value)
        enqueue_on_commit(send_enrolment_confirmed, enrolment.pk, now.isoformat())
    return enrolment
