"""Reads of the certification: the certificates section of "Mon espace"."""

from django.utils import timezone

from learners.certification.models import Certificate
from learners.certification.services import may_renew


def certificates_for(user) -> list[Certificate]:
    """The agent's certificates, newest first, with what their cards need (one query).

    Each one gets `renewable` (the agent may start a renewal now), `renewing` (a renewal cycle
    is under way) and `current` (False once a renewal replaced it: shown as history).
    """
    now = timezone.now()
    certificates = list(
        Certificate.objects.for_user(user).select_related("enrolment").order_by("-issued_at")
    )
    for certificate in certificates:
        enrolment = certificate.enrolment
        certificate.current = certificate.superseded_by_id is None
        certificate.renewing = bool(
            certificate.current
            and enrolment is not None
            and enrolment.completed_at != certificate.enrolment_completed_at
        )
        certificate.renewable = (
            not certificate.renewing and enrolment is not None and may_renew(certificate, now=now)
        )
    return certificates


def fill_dashboard(user, dashboard) -> None:
    """`learners.learning.selectors.dashboard_sections` hook: sets `dashboard.certificates` (current
    ones) and `dashboard.certificate_history` (those replaced by a renewal)."""
    certificates = certificates_for(user)
    dashboard.certificates = [c for c in certificates if c.current]
    dashboard.certificate_history = [c for c in certificates if not c.current]
