"""Certificates are issued exactly once under concurrency (PostgreSQL, real threads).

Each thread has its own database connection and commits, so the completion signal, the
issuance task, the PDF and the e-mail run as in production (immediate tasks backend). SQLite
serialises all writes and cannot run several connections on the in-memory test database: the
module is skipped there; CI runs it on PostgreSQL.
"""

import time

import pytest
from django.core import mail
from django.db import connection
from wagtail.models import Page

from learners.certification import jobs
from learners.certification import services as certification_services
from learners.certification.models import Certificate
from learners.certification.receivers import issue_on_completion
from learners.common.models import SentNotification
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import Enrolment
from learners.learning.signals import enrolment_completed
from tests.concurrency import run_together
from tests.learners.builders import learning_path

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_migrated_content"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite ignores row locks and serialises all writes",
    ),
]

THREADS = 20


def certificate_emails() -> list:
    return [m for m in mail.outbox if m.subject.startswith("Votre certificat")]


def test_concurrency_certificates_twenty_last_completions_one_certificate():
    """The 20 required lessons completed at the same moment: one completion of the path, one
    certificate, one e-mail."""
    path = learning_path(title="Parcours en vingt leçons", lessons=THREADS, quiz=False)
    agent = UserFactory(email="vingt@campus.example", first_name="Vingt", last_name="Leçons")
    learning_services.enrol(user=agent, path=path)
    lessons = list(Page.objects.descendant_of(path).filter(title__startswith="Leçon ").specific())
    assert len(lessons) == THREADS

    started = time.monotonic()
    results = run_together(
        THREADS, lambda i: learning_services.complete_activity(user=agent, activity=lessons[i])
    )
    elapsed = time.monotonic() - started

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Enrolment.objects.get(user=agent, path=path).status == Enrolment.Status.COMPLETED
    assert Certificate.objects.filter(user=agent, path=path).count() == 1
    assert len(certificate_emails()) == 1
    assert SentNotification.objects.filter(kind="certificate_issued").count() == 1
    print(f"\n{THREADS} concurrent completions: 1 certificate, 1 e-mail, {elapsed:.2f} s")


def test_concurrency_certificates_twenty_issuers_and_retries_one_certificate():
    """A completed enrolment, then 20 simultaneous issuers (10 service calls, 10 task runs as
    retries would): one certificate, one e-mail, every caller gets the same certificate."""
    path = learning_path(title="Parcours à certifier", lessons=1, quiz=False)
    agent = UserFactory(email="retries@campus.example")
    learning_services.enrol(user=agent, path=path)
    lesson = Page.objects.descendant_of(path).get(title="Leçon 1").specific
    enrolment_completed.disconnect(issue_on_completion, sender=Enrolment,
                                   dispatch_uid="certificates_issue_on_completion")  # fmt: skip
    try:
        learning_services.complete_activity(user=agent, activity=lesson)
    finally:
        enrolment_completed.connect(issue_on_completion, sender=Enrolment,
                                    dispatch_uid="certificates_issue_on_completion")  # fmt: skip
    enrolment = Enrolment.objects.get(user=agent, path=path)
    assert enrolment.is_completed and not Certificate.objects.exists()

    def issue(index):
        if index % 2:
            return jobs.issue_certificate_for_enrolment.enqueue(enrolment.pk).return_value
        return certification_services.issue_certificate(enrolment=enrolment).public_id

    results = run_together(THREADS, issue)

    assert not [r for r in results if isinstance(r, Exception)], results
    certificate = Certificate.objects.get()
    assert set(results) == {certificate.public_id}
    assert len(certificate_emails()) == 1
    assert certificate.pdf.storage.exists(certificate.pdf.name)
    print(f"\n{THREADS} concurrent issuers: 1 certificate, 1 e-mail")
