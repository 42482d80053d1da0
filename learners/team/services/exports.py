"""Large team exports: requested from the page, built by a background task into a file under a
random name, downloaded by their requester only."""

import secrets
import tempfile

from django.conf import settings
from django.core.files import File
from django.http import QueryDict
from django.utils import timezone

from learners.accounts.permissions import may_see_team
from learners.common.exceptions import NotAllowed
from learners.common.notifications import enqueue_on_commit
from learners.team import exports
from learners.team.filters import OutOfScope, resolve
from learners.team.models import TeamExport


def request_export(*, user, table: str, fmt: str, filters: dict) -> TeamExport:
    """Record the export and queue the task that builds it."""
    if not may_see_team(user):
        raise NotAllowed()
    export = TeamExport.objects.create(requested_by=user, table=table, format=fmt, filters=filters)
    from learners.team.tasks import build_team_export

    enqueue_on_commit(build_team_export, export.pk)
    return export


def _query_dict(filters: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in filters.items():
        data[key] = value
    return data


def build_export(*, export_id: int) -> TeamExport:
    """Build the file, the rows read in chunks and written as they come (bounded memory).

    The requester's scope is checked again: a manager who lost a unit meanwhile gets nothing
    from it.
    """
    export = TeamExport.objects.select_related("requested_by").get(pk=export_id)
    if export.status == TeamExport.Status.READY:
        return export
    TeamExport.objects.filter(pk=export.pk).update(status=TeamExport.Status.RUNNING)
    user = export.requested_by
    try:
        if not may_see_team(user):
            raise NotAllowed()
        _form, query = resolve(user, _query_dict(export.filters))
        sheet = exports.sheet_for(export.table, query)
        counter = _Counter(sheet.rows)
        sheet = exports.Sheet(sheet.name, sheet.headings, counter)
        with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as handle:
            exports.WRITERS[export.format](sheet, handle)
            handle.seek(0)
            name = f"{secrets.token_urlsafe(24)}.{export.format}"
            export.file.save(name, File(handle), save=False)
        export.row_count = counter.count
        export.status = TeamExport.Status.READY
    except (NotAllowed, OutOfScope):
        export.status = TeamExport.Status.FAILED
    except Exception:
        export.status = TeamExport.Status.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "finished_at"])
        raise
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "row_count", "status", "finished_at"])
    return export


class _Counter:
    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
