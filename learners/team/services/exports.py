"""Large team exports: requested from the page, built by a background task
(`learners.team.exports.build_export`) into a file under a random name, downloaded by their
requester only."""

from learners.accounts.permissions import may_see_team
from learners.common.exceptions import NotAllowed
from learners.common.notifications import enqueue_on_commit
from learners.team.models import TeamExport
from learners.team.tasks import build_team_export


def request_export(*, user, table: str, fmt: str, filters: dict) -> TeamExport:
    """Record the export and queue the task that builds it."""
    if not may_see_team(user):
        raise NotAllowed()
    export = TeamExport.objects.create(requested_by=user, table=table, format=fmt, filters=filters)
    enqueue_on_commit(build_team_export, export.pk)
    return export
