"""One commit of a SCORM SCO or an H5P content: checked, applied in order, rolled up.

`commit(...)` runs in one transaction under the enrolment's lock (`lock_enrolment`): two tabs
or a late `sendBeacon` cannot interleave. A commit whose `sequence` is not greater than the
last one applied for the same page load (`attempt_key`) is acknowledged and ignored; another
page load starts its own sequence. Elements received are merged into the stored data model
(an element is never lost because a later commit left it out). When the activity becomes
complete (`results.rollup`), the completion is recorded like any other activity's, so progress,
certification and statistics follow.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import path_outline
from learners.common.exceptions import NotFound
from learners.learning import selectors
from learners.learning.models import Enrolment, PackageAttempt
from learners.learning.packages import results
from learners.learning.packages.datamodel import MAX_ELEMENTS, InvalidData
from learners.learning.packages.results import ActivityResult
from learners.learning.services.locks import lock_enrolment
from learners.learning.services.progress import record_locked_completion, refresh_enrolment

# Elements kept for one SCO, commits merged (interactions accumulate): beyond, refused.
MAX_STORED_ELEMENTS = 2 * MAX_ELEMENTS


@dataclass(frozen=True)
class CommitOutcome:
    result: ActivityResult
    applied: bool  # False: a repeated or late commit, acknowledged and ignored
    attempt: PackageAttempt


def package_sco_ids(package) -> list[str]:
    """The SCOs whose completion counts: launchable items of type "sco" ("" for H5P)."""
    if not package.is_scorm:
        return [""]
    return [sco["identifier"] for sco in package.scos if sco.get("type", "sco") == "sco"]


def commit(
    *,
    user,
    page,
    path,
    sco: str,
    attempt_key: uuid.UUID,
    sequence: int,
    data: dict,
) -> CommitOutcome:
    """Apply one commit of `user` in `sco` of the package activity `page` (in `path`).

    `data` is the checked data model (SCORM) or {"state": …, "result": … | None} (H5P).
    Raises `NotEnrolled` (no active enrolment), `NotFound` (not in the published outline) and
    `InvalidData` (the merged data model would grow beyond `MAX_STORED_ELEMENTS`).
    """
    package = page.package
    outline = path_outline(path)
    entry = selectors.outline_entry(outline, page.pk)
    if entry is None or package is None:
        raise NotFound()
    with transaction.atomic():
        enrolment = lock_enrolment(user, path)
        rows = {
            row.sco: row for row in PackageAttempt.objects.filter(user=user, activity_id=page.pk)
        }
        attempt = rows.get(sco)
        if attempt is not None and attempt.package_id != package.pk:
            _restart(attempt, package)  # the trainer replaced the package: its state is void
        # Only the current package's SCOs count (rows of a replaced one wait to be reused).
        attempts = {key: row for key, row in rows.items() if row.package_id == package.pk}
        if (
            attempt is not None
            and attempt.attempt_key == attempt_key
            and (sequence <= attempt.sequence)
        ):
            result = results.rollup(
                package_sco_ids(package), attempts, page.pass_mark, kind=package.kind
            )
            return CommitOutcome(result, applied=False, attempt=attempt)
        if attempt is None:
            attempt = PackageAttempt(
                user=user, path=path, activity_id=page.pk, package=package, sco=sco
            )
            attempts[sco] = attempt
        _apply(attempt, package.kind, data, attempt_key, sequence)
        result = results.rollup(
            package_sco_ids(package), attempts, page.pass_mark, kind=package.kind
        )
        if result.completed:
            record_locked_completion(user=user, entry=entry, path=path)
            refresh_enrolment(enrolment, outline, started=True)
        elif enrolment.status == Enrolment.Status.ENROLLED or enrolment.started_at is None:
            refresh_enrolment(enrolment, outline, started=True)
    return CommitOutcome(result, applied=True, attempt=attempt)


def _restart(attempt: PackageAttempt, package) -> None:
    attempt.package = package
    attempt.cmi, attempt.attempt_key, attempt.sequence = {}, None, 0
    attempt.completion_status = PackageAttempt.Completion.UNKNOWN
    attempt.success_status = PackageAttempt.Success.UNKNOWN
    attempt.score_scaled = None


def _apply(attempt: PackageAttempt, kind: str, data: dict, attempt_key, sequence: int) -> None:
    if kind == "h5p":
        previous = results.h5p_result(attempt.cmi.get("result")) if attempt.cmi else None
        merged = {
            "state": data.get("state", attempt.cmi.get("state", "")),
            "result": data.get("result") or attempt.cmi.get("result"),
        }
        outcome = results.h5p_result(data.get("result"), previous)
    else:
        merged = {**attempt.cmi, **data}
        if len(merged) > MAX_STORED_ELEMENTS:
            raise InvalidData(
                "too_many_elements",
                _("Les données enregistrées pour ce module sont trop nombreuses."),
            )
        outcome = results.sco_result(kind, merged)
    # A SCO once completed stays so for the campus (a revisit in review mode says "incomplete").
    completion = outcome.completion_status
    if attempt.is_completed and completion != PackageAttempt.Completion.COMPLETED:
        completion = PackageAttempt.Completion.COMPLETED
    attempt.cmi = merged
    attempt.attempt_key = attempt_key
    attempt.sequence = sequence
    attempt.completion_status = completion
    attempt.success_status = outcome.success_status
    attempt.score_scaled = outcome.score_scaled
    attempt.updated_at = timezone.now()
    attempt.save()
