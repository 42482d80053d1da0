"""Background entry points that run a certification service, queued by receivers."""

from django_tasks import task

from learners.certification.services import issue_certificate
from learners.learning.models import Enrolment


@task()
def issue_certificate_for_enrolment(enrolment_id: int) -> str | None:
    """Issue the certificate of a completed enrolment if it meets the rule (idempotent)."""
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return None
    certificate = issue_certificate(enrolment=enrolment)
    return certificate.public_id if certificate else None
