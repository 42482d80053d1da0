"""Tasks of the learning capability: the enrolment e-mail, progress refreshed on publication."""

from django.urls import reverse
from django_tasks import task

from learners.common.links import absolute_url
from learners.common.notifications import deliver_once
from learners.learning.models import Enrolment


@task()
def send_enrolment_confirmed(enrolment_id: int, version: str) -> bool:
    enrolment = Enrolment.objects.select_related("user", "path").filter(pk=enrolment_id).first()
    if enrolment is None or not enrolment.is_active:
        return False
    return deliver_once(
        kind="enrolment_confirmed",
        key=f"enrolment_confirmed:{enrolment.pk}:{version}",
        user=enrolment.user,
        template="learning/enrolment_confirmed",
        context={
            "enrolment": enrolment,
            "path": enrolment.path,
            "resume_url": absolute_url(reverse("resume_path", args=[enrolment.path_id])),
            "dashboard_url": absolute_url(reverse("dashboard")),
        },
    )
