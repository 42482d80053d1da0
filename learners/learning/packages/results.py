"""From committed data to results: one SCO's statuses and score, then the activity's rollup.

- SCORM 1.2: `cmi.core.lesson_status` completed or passed completes the SCO; passed/failed is
  its success; its score is `cmi.core.score.raw` scaled by min and max (0–100 by default).
- SCORM 2004: `cmi.completion_status` and `cmi.success_status`; the score is
  `cmi.score.scaled`, or raw scaled by min and max when the SCO gives no scaled score.
- H5P: the `result` of the xAPI statement the player relays (completion, success, score).

Rollup (a simplification of SCORM 2004 sequencing, which the campus does not run): the
activity is completed when every SCO is completed (and, in 2004, none has failed); its score is
the mean of the scaled scores of the SCOs that report one; with a pass mark, it completes only
when that score reaches it.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from learners.learning.models import PackageAttempt

Completion = PackageAttempt.Completion
Success = PackageAttempt.Success


@dataclass(frozen=True)
class ScoResult:
    completion_status: str
    success_status: str
    score_scaled: Decimal | None


@dataclass(frozen=True)
class ActivityResult:
    completed: bool
    passed: bool | None
    score: int | None  # percent


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _clamp(scaled: Decimal | None) -> Decimal | None:
    if scaled is None:
        return None
    return max(Decimal(-1), min(Decimal(1), scaled)).quantize(Decimal("0.0001"))


def _scaled_from_raw(raw, low, high, default_range: bool) -> Decimal | None:
    raw, low, high = _decimal(raw), _decimal(low), _decimal(high)
    if raw is None:
        return None
    if default_range:  # SCORM 1.2: a score is 0–100 unless the SCO says otherwise
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    if low is None or high is None or high <= low:
        return None
    return (raw - low) / (high - low)


def scorm12_result(cmi: dict) -> ScoResult:
    status = cmi.get("cmi.core.lesson_status", "")
    completion = {
        "completed": Completion.COMPLETED,
        "passed": Completion.COMPLETED,
        "failed": Completion.INCOMPLETE,
        "incomplete": Completion.INCOMPLETE,
        "browsed": Completion.INCOMPLETE,
        "not attempted": Completion.NOT_ATTEMPTED,
    }.get(status, Completion.UNKNOWN)
    success = {"passed": Success.PASSED, "failed": Success.FAILED}.get(status, Success.UNKNOWN)
    scaled = _scaled_from_raw(
        cmi.get("cmi.core.score.raw"),
        cmi.get("cmi.core.score.min"),
        cmi.get("cmi.core.score.max"),
        default_range=True,
    )
    return ScoResult(completion, success, _clamp(scaled))


def scorm2004_result(cmi: dict) -> ScoResult:
    completion = cmi.get("cmi.completion_status", "")
    success = cmi.get("cmi.success_status", "")
    scaled = _decimal(cmi.get("cmi.score.scaled"))
    if scaled is None:
        scaled = _scaled_from_raw(
            cmi.get("cmi.score.raw"),
            cmi.get("cmi.score.min"),
            cmi.get("cmi.score.max"),
            default_range=False,
        )
    return ScoResult(
        completion if completion in Completion.values else Completion.UNKNOWN,
        success if success in Success.values else Success.UNKNOWN,
        _clamp(scaled),
    )


def h5p_result(result: dict | None, previous: ScoResult | None = None) -> ScoResult:
    """The H5P content's statuses from the last result reported (the previous ones without)."""
    if not result:
        return previous or ScoResult(Completion.INCOMPLETE, Success.UNKNOWN, None)
    success = result.get("success")
    score = result.get("score") or {}
    scaled = _decimal(score.get("scaled"))
    if scaled is None:
        scaled = _scaled_from_raw(score.get("raw"), score.get("min"), score.get("max"), False)
    return ScoResult(
        Completion.COMPLETED if result.get("completion") else Completion.INCOMPLETE,
        {True: Success.PASSED, False: Success.FAILED}.get(success, Success.UNKNOWN),
        _clamp(scaled),
    )


def sco_result(kind: str, cmi: dict) -> ScoResult:
    if kind == "scorm12":
        return scorm12_result(cmi)
    if kind == "scorm2004":
        return scorm2004_result(cmi)
    return h5p_result(cmi.get("result"))


def rollup(
    sco_ids: list[str], attempts: dict, pass_mark: int | None, *, kind: str = ""
) -> ActivityResult:
    """The activity's result from its SCOs' attempts ({sco identifier: PackageAttempt}).

    SCORM: completed and not failed; H5P: completed (`result.completion`), a wrong answer
    included — a pass mark is how a trainer asks for a score.
    """
    rows = [attempts[sco] for sco in sco_ids if sco in attempts]
    all_completed = bool(sco_ids) and len(rows) == len(sco_ids)
    all_completed = all_completed and all(
        row.completion_status == Completion.COMPLETED
        and (kind == "h5p" or row.success_status != Success.FAILED)
        for row in rows
    )
    scores = [row.score_scaled for row in rows if row.score_scaled is not None]
    score = None
    if scores:
        mean = sum(scores) / len(scores)
        score = max(0, min(100, int((mean * 100).to_integral_value(rounding="ROUND_FLOOR"))))
    if pass_mark is not None:
        passed = score is not None and score >= pass_mark
        return ActivityResult(all_completed and passed, passed if rows else None, score)
    successes = {row.success_status for row in rows} - {Success.UNKNOWN}
    passed = False if Success.FAILED in successes else (True if successes else None)
    return ActivityResult(all_completed, passed, score)
