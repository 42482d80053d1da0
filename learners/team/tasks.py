"""Background work the team services queue (django-tasks): campaign e-mails, large exports.

The daily reminders, which run a service, are a job (`learners.team.jobs`)."""

from django.urls import reverse
from django_tasks import task

from learners.common.links import absolute_url, page_url
from learners.common.notifications import deliver_once
from learners.team.exports import build_export
from learners.team.models import Assignment


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
        url = url or page_url(campaign.path)
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
def build_team_export(export_id: int) -> str:
    """Write a requested team export into its file (`learners.team.exports.build_export`)."""
    return build_export(export_id=export_id).status
