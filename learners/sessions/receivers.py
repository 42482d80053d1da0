"""What the sessions capability does when something happens elsewhere; connected in
`LearnersConfig.ready()`.

- A module is published (its sessions edited, seats added): free seats go to the agents
  waiting, and the agents of a session whose date or place changed are told, in tasks queued
  after the publication commits (no query at signal time).
- An agent abandons a path: their upcoming registrations in it are cancelled in the same
  transaction, freeing their seats for the waiting list.
"""

from wagtail.signals import page_published

from courses.models import CoursePage
from learners.common.notifications import enqueue_on_commit
from learners.learning.models import Enrolment
from learners.learning.signals import enrolment_abandoned
from learners.sessions.jobs import announce_module_schedule_changes, fill_module_sessions
from learners.sessions.models import SessionRegistration
from learners.sessions.services import cancel_registration


def on_module_published(sender, instance, **kwargs):
    enqueue_on_commit(fill_module_sessions, instance.pk)
    enqueue_on_commit(announce_module_schedule_changes, instance.pk)


def cancel_on_abandon(sender, enrolment, user, path, **kwargs):
    registrations = (
        SessionRegistration.objects.for_user(user)
        .current()
        .upcoming()
        .filter(session__course__path__startswith=path.path)
    )
    for registration in registrations:
        cancel_registration(user=user, registration=registration)


def connect() -> None:
    page_published.connect(
        on_module_published, sender=CoursePage, dispatch_uid="learners_sessions_module_published"
    )
    enrolment_abandoned.connect(
        cancel_on_abandon, sender=Enrolment, dispatch_uid="learners_sessions_cancel_on_abandon"
    )
