"""The SCORM data model as the server accepts it: elements, vocabularies, lengths and ranges.

SCORM 1.2 (Run-Time Environment, section 3.4) and SCORM 2004 (RTE 4.2). The player sends the
data model flattened (`{"cmi.core.lesson_status": "completed"}`); a nested form
(`{"cmi": {"core": {…}}}`) is flattened first. Every element is checked; one bad element refuses
the whole commit (`InvalidData`, with a French message naming it) and nothing is saved.
Interactions, objectives, comments and shared data are accepted under their element names with
length limits. Counters (`._count`, `._children`, `._version`) are dropped: the runtime rebuilds
them.
"""

import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SCORM12 = "scorm12"
SCORM2004 = "scorm2004"
MAX_ELEMENTS = 5000
MAX_INDEX = 9999
MAX_NAME = 255


class InvalidData(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


CMI_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
ISO_DURATION = re.compile(
    r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$"
)
ISO_TIME = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,2})?)?)?)?)?)?(Z|[+-]\d{2}(:\d{2})?)?$"
)
NAV_REQUEST = re.compile(
    r"^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|"
    r"\{target=[^{}]{1,250}\}(choice|jump))$"
)


def _text(limit: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if len(value) > limit:
            return _("au plus %(limit)s caractères (%(length)s reçus)") % {
                "limit": limit,
                "length": len(value),
            }
        return None

    check.limit = limit
    return check


def _vocabulary(*words: str) -> Callable[[str], str | None]:
    """One of `words`, or empty (an element the SCO has not set yet, as runtimes render it)."""
    words = (*words, "") if "" not in words else words

    def check(value: str) -> str | None:
        if value not in words:
            return _("valeur attendue parmi : %(words)s, ou vide") % {
                "words": ", ".join(f"« {word} »" for word in words if word)
            }
        return None

    return check


def _decimal(low=None, high=None, *, blank: bool = True) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value == "" and blank:
            return None
        try:
            number = Decimal(value)
        except (InvalidOperation, ValueError):
            return _("un nombre décimal est attendu")
        if not number.is_finite() or len(value) > 40:
            return _("un nombre décimal est attendu")
        if (low is not None and number < low) or (high is not None and number > high):
            return _("un nombre entre %(low)s et %(high)s est attendu") % {"low": low, "high": high}
        return None

    return check


def _pattern(regex: re.Pattern, label: str, *, blank: bool = False) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if (value == "" and blank) or regex.match(value):
            return None
        return label

    return check


TIMESPAN = _pattern(CMI_TIMESPAN, "durée au format HHHH:MM:SS.SS attendue", blank=True)
DURATION = _pattern(
    ISO_DURATION, "durée au format ISO 8601 attendue (par exemple PT1H5M30S)", blank=True
)
TIMESTAMP = _pattern(ISO_TIME, "date au format ISO 8601 attendue", blank=True)
SCORE_12 = _decimal(0, 100)
REAL = _decimal()

# {element: check}; "N" stands for an index (0, 1, …).
SCORM12_ELEMENTS = {
    "cmi.core.student_id": _text(255),
    "cmi.core.student_name": _text(255),
    "cmi.core.lesson_location": _text(255),
    "cmi.core.credit": _vocabulary("credit", "no-credit"),
    "cmi.core.lesson_status": _vocabulary(
        "passed", "completed", "failed", "incomplete", "browsed", "not attempted"
    ),
    "cmi.core.entry": _vocabulary("ab-initio", "resume", ""),
    "cmi.core.score.raw": SCORE_12,
    "cmi.core.score.min": SCORE_12,
    "cmi.core.score.max": SCORE_12,
    "cmi.core.total_time": TIMESPAN,
    "cmi.core.lesson_mode": _vocabulary("browse", "normal", "review"),
    "cmi.core.exit": _vocabulary("time-out", "suspend", "logout", ""),
    "cmi.core.session_time": TIMESPAN,
    "cmi.suspend_data": _text(4096),
    "cmi.launch_data": _text(4096),
    "cmi.comments": _text(4096),
    "cmi.comments_from_lms": _text(4096),
    "cmi.student_data.mastery_score": SCORE_12,
    "cmi.student_data.max_time_allowed": TIMESPAN,
    "cmi.student_data.time_limit_action": _text(255),
    "cmi.student_preference.audio": _decimal(-1, 100),
    "cmi.student_preference.language": _text(255),
    "cmi.student_preference.speed": _decimal(-100, 100),
    "cmi.student_preference.text": _decimal(-1, 1),
    "cmi.objectives.N.id": _text(255),
    "cmi.objectives.N.score.raw": SCORE_12,
    "cmi.objectives.N.score.min": SCORE_12,
    "cmi.objectives.N.score.max": SCORE_12,
    "cmi.objectives.N.status": _vocabulary(
        "passed", "completed", "failed", "incomplete", "browsed", "not attempted"
    ),
    "cmi.interactions.N.id": _text(255),
    "cmi.interactions.N.objectives.N.id": _text(255),
    "cmi.interactions.N.time": _text(255),
    "cmi.interactions.N.type": _vocabulary(
        "true-false",
        "choice",
        "fill-in",
        "matching",
        "performance",
        "sequencing",
        "likert",
        "numeric",
    ),
    "cmi.interactions.N.correct_responses.N.pattern": _text(4096),
    "cmi.interactions.N.weighting": REAL,
    "cmi.interactions.N.student_response": _text(4096),
    "cmi.interactions.N.result": _text(255),
    "cmi.interactions.N.latency": TIMESPAN,
}

SCORM2004_ELEMENTS = {
    "cmi.learner_id": _text(4000),
    "cmi.learner_name": _text(250),
    "cmi.location": _text(1000),
    "cmi.credit": _vocabulary("credit", "no-credit"),
    "cmi.completion_status": _vocabulary("completed", "incomplete", "not attempted", "unknown"),
    "cmi.success_status": _vocabulary("passed", "failed", "unknown"),
    "cmi.entry": _vocabulary("ab-initio", "resume", ""),
    "cmi.exit": _vocabulary("time-out", "suspend", "logout", "normal", ""),
    "cmi.mode": _vocabulary("browse", "normal", "review"),
    "cmi.score.scaled": _decimal(-1, 1),
    "cmi.score.raw": REAL,
    "cmi.score.min": REAL,
    "cmi.score.max": REAL,
    "cmi.progress_measure": _decimal(0, 1),
    "cmi.completion_threshold": _decimal(0, 1),
    "cmi.scaled_passing_score": _decimal(-1, 1),
    "cmi.session_time": DURATION,
    "cmi.total_time": DURATION,
    "cmi.max_time_allowed": DURATION,
    "cmi.time_limit_action": _vocabulary(
        "exit,message", "continue,message", "exit,no message", "continue,no message"
    ),
    "cmi.suspend_data": _text(64000),
    "cmi.launch_data": _text(4000),
    "cmi.learner_preference.audio_level": _decimal(0, None),
    "cmi.learner_preference.language": _text(250),
    "cmi.learner_preference.delivery_speed": _decimal(0, None),
    "cmi.learner_preference.audio_captioning": _vocabulary("-1", "0", "1"),
    "cmi.comments_from_learner.N.comment": _text(4000),
    "cmi.comments_from_learner.N.location": _text(250),
    "cmi.comments_from_learner.N.timestamp": TIMESTAMP,
    "cmi.comments_from_lms.N.comment": _text(4000),
    "cmi.comments_from_lms.N.location": _text(250),
    "cmi.comments_from_lms.N.timestamp": TIMESTAMP,
    "cmi.objectives.N.id": _text(4000),
    "cmi.objectives.N.score.scaled": _decimal(-1, 1),
    "cmi.objectives.N.score.raw": REAL,
    "cmi.objectives.N.score.min": REAL,
    "cmi.objectives.N.score.max": REAL,
    "cmi.objectives.N.success_status": _vocabulary("passed", "failed", "unknown"),
    "cmi.objectives.N.completion_status": _vocabulary(
        "completed", "incomplete", "not attempted", "unknown"
    ),
    "cmi.objectives.N.progress_measure": _decimal(0, 1),
    "cmi.objectives.N.description": _text(250),
    "cmi.interactions.N.id": _text(4000),
    "cmi.interactions.N.type": _vocabulary(
        "true-false",
        "choice",
        "fill-in",
        "long-fill-in",
        "matching",
        "performance",
        "sequencing",
        "likert",
        "numeric",
        "other",
    ),
    "cmi.interactions.N.objectives.N.id": _text(4000),
    "cmi.interactions.N.timestamp": TIMESTAMP,
    "cmi.interactions.N.correct_responses.N.pattern": _text(8000),
    "cmi.interactions.N.weighting": REAL,
    "cmi.interactions.N.learner_response": _text(8000),
    "cmi.interactions.N.result": _text(255),
    "cmi.interactions.N.latency": DURATION,
    "cmi.interactions.N.description": _text(250),
    "adl.nav.request": _pattern(NAV_REQUEST, "requête de navigation SCORM 2004 attendue"),
    "adl.data.N.id": _text(4000),
    "adl.data.N.store": _text(64000),
}
ELEMENTS = {SCORM12: SCORM12_ELEMENTS, SCORM2004: SCORM2004_ELEMENTS}
# Read-only elements under these prefixes, rendered by some runtimes: kept, with a length limit.
PREFIXES = {SCORM12: (), SCORM2004: (("adl.nav.request_valid.", _text(255)),)}
INDEX = re.compile(r"\.(\d+)(?=\.|$)")
COUNTERS = ("._count", "._children", "._version")
# Checked but not stored: the campus gives them from the account at each launch (the stored
# data then holds no name, and nobody can set another agent's identity through it).
SERVER_ELEMENTS = frozenset(
    {"cmi.core.student_id", "cmi.core.student_name", "cmi.learner_id", "cmi.learner_name"}
)


def flatten(data, prefix: str = "", depth: int = 0) -> dict:
    """A nested data model (`{"cmi": {"core": {…}}}`, interactions as lists) as flat elements."""
    if depth > 8:
        raise InvalidData("invalid_cmi", _("Les données du module sont trop imbriquées."))
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = ((str(index), value) for index, value in enumerate(data))
    else:
        return {prefix: data}
    flat = {}
    for key, value in items:
        if not isinstance(key, str):
            raise InvalidData("invalid_cmi", _("Les données du module sont mal formées."))
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, (dict, list)):
            flat.update(flatten(value, name, depth + 1))
        else:
            flat[name] = value
        if len(flat) > MAX_ELEMENTS:
            raise InvalidData("too_many_elements", _("Les données du module sont trop nombreuses."))
    return flat


def as_text(value) -> str | None:
    """The element's value as the runtime's string, or None for a type no element has."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return None if not math.isfinite(value) else repr(value).removesuffix(".0")
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return None


def clean_cmi(kind: str, data) -> dict[str, str]:
    """The data model checked element by element, as {element: string value}."""
    if not isinstance(data, dict):
        raise InvalidData("invalid_cmi", _("Les données du module doivent être un objet JSON."))
    rules = ELEMENTS[kind]
    cleaned = {}
    for name, raw in flatten(data).items():
        if len(name) > MAX_NAME:
            raise InvalidData("unknown_element", _("Un nom d’élément SCORM est trop long."))
        if name.endswith(COUNTERS):
            continue
        pattern = INDEX.sub(".N", name)
        check = rules.get(pattern) or next(
            (rule for prefix, rule in PREFIXES[kind] if name.startswith(prefix)), None
        )
        if check is None:
            raise InvalidData(
                "unknown_element",
                _("L’élément « %(name)s » n’existe pas dans le modèle de données %(version)s.")
                % {"name": name[:100], "version": "SCORM 1.2" if kind == SCORM12 else "SCORM 2004"},
            )
        if any(int(index) > MAX_INDEX for index in INDEX.findall(name)):
            raise InvalidData(
                "invalid_value",
                _("L’élément « %(name)s » a un rang trop grand.") % {"name": name[:100]},
            )
        value = as_text(raw)
        problem = _("une valeur texte ou numérique est attendue") if value is None else check(value)
        if problem:
            raise InvalidData(
                "too_long"
                if getattr(check, "limit", None) and value is not None
                else "invalid_value",
                _("Valeur refusée pour « %(name)s » : %(problem)s.")
                % {"name": name[:100], "problem": problem},
            )
        if name not in SERVER_ELEMENTS:
            cleaned[name] = value
    return cleaned
