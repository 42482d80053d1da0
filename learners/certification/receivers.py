"""Signal receivers: issue certificates when agents earn them, or give the names they wait
for (connected in LearnersConfig)."""

from django.db.models.signals import post_save

from learners.accounts.models import User
from learners.accounts.signals import names_changed
from learners.certification.jobs import (
    issue_certificate_for_enrolment,
    issue_certificates_for_named_agent,
)
from learners.common.notifications import enqueue_on_commit
from learners.learning.models import Enrolment, QuizAttempt
from learners.learning.signals import enrolment_completed


def issue_on_completion(sender, enrolment, **kwargs):
    """The enrolment was just completed: issue its certificate if the rule is met."""
    enqueue_on_commit(issue_certificate_for_enrolment, enrolment.pk)


def issue_on_better_score(sender, instance, created, **kwargs):
    """An agent who completed the path below the minimum average retook a quiz: try again."""
    if not created or instance.enrolment_id is None:
        return
    enrolment = instance.enrolment
    if enrolment.status == Enrolment.Status.COMPLETED:
        enqueue_on_commit(issue_certificate_for_enrolment, enrolment.pk)


def issue_when_named(sender, user, **kwargs):
    """The agent's names changed: certificates that waited for them can be issued."""
    if user.has_name:
        enqueue_on_commit(issue_certificates_for_named_agent, user.pk)


def connect() -> None:
    enrolment_completed.connect(
        issue_on_completion, sender=Enrolment, dispatch_uid="certificates_issue_on_completion"
    )
    post_save.connect(
        issue_on_better_score, sender=QuizAttempt, dispatch_uid="certificates_issue_on_score"
    )
    names_changed.connect(
        issue_when_named, sender=User, dispatch_uid="certificates_issue_when_named"
    )
