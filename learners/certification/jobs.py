"""Background entry points that run a certification service, queued by receivers."""

from django_tasks import task

from learners.accounts.models import User
from learners.certification.services import issue_certificate, issue_certificates_awaiting_name
from learners.learning.models import Enrolment


@task()
def issue_certificate_for_enrolment(enrolment_id: int) -> str | None:
    """Issue the certificate of a completed enrolment if it meets the rule (idempotent)."""
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return None
    certificate = issue_certificate(enrolment=enrolment)
    return certificate.public_id if certificate else None


@task()
def issue_certificates_for_named_agent(user_id: int) -> list[str]:
    """The agent gave their names: name and issue the certificates that waited for them."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return []
    return [c.public_id for c in issue_certificates_awaiting_name(user=user)]
