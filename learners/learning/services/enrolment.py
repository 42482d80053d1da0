"""Enrolment in a path: enrol (idempotent, prerequisites checked) and abandon (progress kept)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import path_outline
from learners.common.exceptions import AlreadyCompleted, MissingPrerequisites, NotEnrolled, NotFound
from learners.common.notifications import enqueue_on_commit
from learners.learning import selectors
from learners.learning.models import Enrolment
from learners.learning.services.locks import lock_enrolment
from learners.learning.services.progress import refresh_enrolment
from learners.learning.signals import enrolment_abandoned, enrolment_reopened
from learners.learning.tasks import send_enrolment_confirmed


def enrol(
    *,
    user,
    path,
    origin: str = Enrolment.Origin.SELF,
    check_prerequisites: bool = True,
) -> Enrolment:
    """Enrol `user` in the live `path`; enrolling again is harmless.

    An abandoned enrolment comes back with the progress it had. A manager's assignment
    (`origin=ASSIGNED`) marks an existing enrolment as assigned. Raises `MissingPrerequisites`
    (with `details["paths"]`) when a prerequisite path is not completed, unless
    `check_prerequisites` is false. The returned enrolment has `created` set when it is new or
    re-activated (the agent then gets a confirmation e-mail).
    """
    if not path.live:
        raise NotFound(_("Ce parcours n’est pas publié."))
    if check_prerequisites:
        missing = selectors.missing_prerequisites(user, path)
        if missing:
            titles = ", ".join(f"« {p.title} »" for p in missing)
            raise MissingPrerequisites(
                _("Pour vous inscrire, terminez d’abord : %(titles)s.") % {"titles": titles},
                paths=missing,
            )
    outline = path_outline(path)
    now = timezone.now()
    with transaction.atomic():
        try:
            enrolment = lock_enrolment(user, path, allow_abandoned=True)
            created = False
        except NotEnrolled:
            enrolment, created = Enrolment.objects.get_or_create(
                user=user,
                path=path,
                defaults={"origin": origin, "enrolled_at": now, "last_activity_at": now},
            )
        changes = {}
        if enrolment.status == Enrolment.Status.ABANDONED:
            created = True
            changes = {
                "status": Enrolment.Status.ENROLLED,
                "abandoned_at": None,
                "enrolled_at": now,
            }
        if origin == Enrolment.Origin.ASSIGNED and enrolment.origin != origin:
            changes["origin"] = origin
        if changes:
            Enrolment.objects.filter(pk=enrolment.pk).update(**changes)
            for name, value in changes.items():
                setattr(enrolment, name, value)
        if "abandoned_at" in changes:
            enrolment_reopened.send(sender=Enrolment, enrolment=enrolment)
        if created:
            # Completions kept from an earlier enrolment count again.
            refresh_enrolment(enrolment, outline)
            enqueue_on_commit(
                send_enrolment_confirmed, enrolment.pk, enrolment.enrolled_at.isoformat()
            )
    enrolment.created = created
    return enrolment


def abandon(*, user, path) -> Enrolment:
    """Leave a path: the enrolment becomes "abandonné", progress is kept, and the agent's
    upcoming session registrations in the path are cancelled (freeing their seats).

    Idempotent. Raises `NotEnrolled` without an enrolment and `AlreadyCompleted` when the path
    is completed.
    """
    with transaction.atomic():
        enrolment = lock_enrolment(user, path, allow_abandoned=True)
        if enrolment.status == Enrolment.Status.ABANDONED:
            return enrolment
        if enrolment.status == Enrolment.Status.COMPLETED:
            raise AlreadyCompleted()
        now = timezone.now()
        Enrolment.objects.filter(pk=enrolment.pk).update(
            status=Enrolment.Status.ABANDONED, abandoned_at=now
        )
        enrolment.status, enrolment.abandoned_at = Enrolment.Status.ABANDONED, now
        enrolment_abandoned.send(sender=Enrolment, enrolment=enrolment, user=user, path=path)
    return enrolment
