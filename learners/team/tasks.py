"""Background tasks of the team reports (django-tasks): campaign e-mails, daily reminders,
large exports."""

from django.urls import reverse
from django_tasks import task

from learners.common.links import absolute_url
from learners.common.notifications import deliver_once
from learners.team.models import Assignment


def path_url(path) -> str:
    url = path.get_url() or ""
    return url if url.startswith("http") else absolute_url(url)


@task()
def send_assignment_notices(campaign_id: int, user_ids: list[int]) -> int:
    """Tell each newly assigned agent (once per assignment) what to follow and by when."""
    sent = 0
    assignments = Assignment.objects.filter(
        campaign_id=campaign_id, user_id__in=user_ids, user__is_active=True
    ).select_related("user", "campaign__path", "campaign__created_by")
    url = None
    for assignment in assignments:
        campaign = assignment.campaign
        url = url or path_url(campaign.path)
        sent += deliver_once(
            kind="assignment_created",
            key=f"assignment_created:{assignment.pk}",
            user=assignment.user,
            template="team/assignment_created",
            context={
                "assignment": assignment,
                "campaign": campaign,
                "path": campaign.path,
                "path_url": url,
                "dashboard_url": absolute_url(reverse("dashboard")),
            },
        )
    return sent


@task()
def send_daily_reminders() -> dict:
    """What `manage.py send_reminders` does, for a task scheduler."""
    from learners.team.services.reminders import send_reminders

    return send_reminders().as_dict()


@task()
def build_team_export(export_id: int) -> str:
    from learners.team.services.exports import build_export

    return build_export(export_id=export_id).status
