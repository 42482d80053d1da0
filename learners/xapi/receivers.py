"""Records the statement of each learning event in the event's own transaction.

Model saves (`post_save` runs inside the service's `transaction.atomic`) and the learning
capability's in-transaction signals are the hooks, so that the services stay as they are:
an event rolled back takes its statement with it. Connected in `LearnersConfig.ready()`;
nothing is read or written while xAPI is off.
"""

from django.db.models.signals import post_save

from learners.certification.models import Certificate
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.learning.signals import activity_opened, enrolment_completing, enrolment_reopened
from learners.sessions.models import SessionRegistration
from learners.xapi import events
from learners.xapi.sender import enabled
from learners.xapi.services import record


def on_enrolment_saved(sender, instance, created, **kwargs):
    if created and enabled():
        record(events.enrolment_registered(instance), user=instance.user)


def on_enrolment_reopened(sender, enrolment, **kwargs):
    if enabled():
        record(events.enrolment_registered(enrolment), user=enrolment.user)


def on_enrolment_completing(sender, enrolment, **kwargs):
    if enabled():
        record(events.enrolment_completed(enrolment), user=enrolment.user)


def on_completion_saved(sender, instance, created, **kwargs):
    if created and enabled():
        record(events.activity_completed(instance), user=instance.user)


def on_activity_opened(sender, enrolment, activity_id, at, **kwargs):
    if enabled():
        enrolment = Enrolment.objects.select_related("user", "path").get(pk=enrolment.pk)
        built = events.activity_launched(
            user=enrolment.user, path=enrolment.path, activity_id=activity_id, at=at
        )
        record(built, user=enrolment.user)


def on_attempt_saved(sender, instance, created, **kwargs):
    if created and enabled():
        record(events.quiz_submitted(instance), user=instance.user)


def on_registration_saved(sender, instance, created, update_fields=None, **kwargs):
    if not enabled():
        return
    fields = set(update_fields or ())
    Status = SessionRegistration.Status
    if instance.status == Status.CONFIRMED and (created or "status" in fields):
        record(events.session_registered(instance), user=instance.user)
    if instance.attended and "attended" in fields:
        record(events.session_attended(instance), user=instance.user)


def on_certificate_saved(sender, instance, created, **kwargs):
    if created and enabled():
        record(events.certificate_earned(instance), user=instance.user)


def connect() -> None:
    hooks = [
        (Enrolment, on_enrolment_saved),
        (ActivityCompletion, on_completion_saved),
        (QuizAttempt, on_attempt_saved),
        (SessionRegistration, on_registration_saved),
        (Certificate, on_certificate_saved),
    ]
    for model, receiver in hooks:
        post_save.connect(receiver, sender=model, dispatch_uid=f"xapi_{model.__name__}")
    enrolment_completing.connect(on_enrolment_completing, dispatch_uid="xapi_path_completed")
    activity_opened.connect(on_activity_opened, dispatch_uid="xapi_activity_launched")
    enrolment_reopened.connect(on_enrolment_reopened, dispatch_uid="xapi_registered_again")
