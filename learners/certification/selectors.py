"""Reads of the certification: the certificates section of "Mon espace", certificate dates for
the team reports, certificates about to expire for the reminders."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from learners.certification.models import Certificate

# Agents may renew a certificate from this long before it expires.
RENEWAL_OPENS_BEFORE_EXPIRY = datetime.timedelta(days=60)


def renewal_opens_at(certificate: Certificate) -> datetime.datetime | None:
    if certificate.expires_at is None:
        return None
    return certificate.expires_at - RENEWAL_OPENS_BEFORE_EXPIRY


def may_renew(certificate: Certificate, *, now=None) -> bool:
    """The agent may renew: not revoked, not already renewed, expiring soon or expired."""
    opens_at = renewal_opens_at(certificate)
    return (
        opens_at is not None
        and not certificate.is_revoked
        and certificate.superseded_by_id is None
        and (now or timezone.now()) >= opens_at
    )


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
            and enrolment.certification_cycle != certificate.cycle
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


@dataclass(frozen=True)
class CertificateDates:
    issued_at: datetime.datetime
    expires_at: datetime.datetime | None


def certificate_dates(user_ids) -> dict[tuple[int, int], CertificateDates]:
    """{(user id, path id): dates of the latest certificate not revoked} (one query)."""
    rows = (
        Certificate.objects.filter(user_id__in=list(user_ids), revoked_at__isnull=True)
        .order_by("issued_at")
        .values_list("user_id", "path_id", "issued_at", "expires_at")
    )
    return {
        (user_id, path_id): CertificateDates(issued_at=issued_at, expires_at=expires_at)
        for user_id, path_id, issued_at, expires_at in rows
    }


def expiring_between(first: datetime.date, last: datetime.date) -> list[Certificate]:
    """Certificates of active agents, not revoked, expiring between the two days included, with
    their agent and path (one query)."""
    return list(
        Certificate.objects.filter(
            revoked_at__isnull=True, user__is_active=True, expires_at__date__range=(first, last)
        ).select_related("user", "path")
    )
