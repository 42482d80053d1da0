"""Background work the certification services queue (the PDF, the e-mail); each may run twice
(retry, duplicate) harmlessly. Issuing on completion, which runs a service, is a job
(`learners.certification.jobs`)."""

from django.urls import reverse
from django_tasks import task

from learners.certification.models import Certificate
from learners.certification.pdf import ensure_pdf
from learners.common.links import absolute_url
from learners.common.notifications import deliver_once


@task()
def generate_certificate_pdf(certificate_id: int) -> bool:
    """Render and store the certificate's PDF unless it is already stored."""
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
