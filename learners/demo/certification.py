"""Demo certificates (`manage.py create_demo`, after the demo progress): the demo agents'
completed paths that meet the certification rule get their certificate, without e-mails (the
PDFs are rendered on first download). Idempotent, like `issue_certificate`."""

from learners.certification.services import issue_certificate
from learners.learning.models import Enrolment


def create_certificates(accounts: dict) -> None:
    completed = Enrolment.objects.completed().filter(user__email__endswith="@campus.example")
    for enrolment in completed.order_by("pk"):
        issue_certificate(enrolment=enrolment, notify=False)
