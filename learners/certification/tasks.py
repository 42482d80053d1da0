"""Background tasks of the certification; each may run twice (retry, duplicate) harmlessly."""

from django.urls import reverse
from django_tasks import task

from learners.certification.models import Certificate
from learners.common.links import absolute_url
from learners.common.notifications import deliver_once
from learners.learning.models import Enrolment


@task()
def issue_certificate_for_enrolment(enrolment_id: int) -> str | None:
    """Issue the certificate of a completed enrolment if it meets the rule (idempotent)."""
    from learners.certification.services import issue_certificate

    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return None
    certificate = issue_certificate(enrolment=enrolment)
    return certificate.public_id if certificate else None


@task()
def generate_certificate_pdf(certificate_id: int) -> bool:
    """Render and store the certificate's PDF unless it is already stored."""
    from learners.certification.pdf import ensure_pdf

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    ensure_pdf(certificate)
    return True


@task()
def send_certificate_issued(certificate_id: int) -> bool:
    """Tell the agent their certificate is ready (once per certificate)."""
    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or certificate.user is None or certificate.is_revoked:
        return False
    public_id = certificate.public_id
    return deliver_once(
        kind="certificate_issued",
        key=f"certificate_issued:{certificate.pk}",
        user=certificate.user,
        template="certification/certificate_issued",
        context={
            "certificate": certificate,
            "pdf_url": absolute_url(reverse("certificate_pdf", args=[public_id])),
            "credential_url": absolute_url(reverse("certificate_credential", args=[public_id])),
            "verify_url": absolute_url(reverse("certificate_verify_detail", args=[public_id])),
            "dashboard_url": absolute_url(reverse("dashboard")),
        },
    )
