"""The body of a commit: JSON, or a form field `payload` (what `sendBeacon` sends), checked.

`{"sco": "<identifier>", "sequence": n, "attempt": "<uuid>", "cmi": {…}}` for SCORM;
`{"sco": "", "sequence": n, "attempt": "<uuid>", "state": "…", "result": {…} | null}` for H5P.
"""

import json
import math
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

from learners.learning.packages.datamodel import InvalidData, clean_cmi

MAX_SEQUENCE = 2**31 - 1
MAX_H5P_STATE = 64000


@dataclass(frozen=True)
class Commit:
    sco: str
    attempt_key: uuid.UUID
    sequence: int
    data: dict


def read_body(request) -> dict:
    """The commit's JSON object, from a JSON body or a `payload` form field."""
    content_type = request.content_type or ""
    try:
        if content_type == "application/json":
            raw = request.body.decode("utf-8")
        else:
            raw = request.POST.get("payload", "")
        payload = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise InvalidData(
            "invalid_json", _("Les données envoyées ne sont pas un JSON valide.")
        ) from None
    if not isinstance(payload, dict):
        raise InvalidData("invalid_payload", _("Les données envoyées doivent être un objet JSON."))
    return payload


def _refuse_constant(name):
    raise ValueError(name)


def parse_commit(kind: str, payload: dict) -> Commit:
    sco = payload.get("sco", "")
    if not isinstance(sco, str) or len(sco) > 255:
        raise InvalidData("invalid_payload", _("L’identifiant du SCO est invalide."))
    sequence = payload.get("sequence")
    if (
        isinstance(sequence, bool)
        or not isinstance(sequence, int)
        or not (1 <= sequence <= MAX_SEQUENCE)
    ):
        raise InvalidData("invalid_sequence", _("Le numéro d’envoi doit être un entier positif."))
    try:
        attempt_key = uuid.UUID(str(payload.get("attempt")))
    except ValueError:
        raise InvalidData(
            "invalid_attempt", _("L’identifiant de la session de lecture est invalide.")
        ) from None
    data = _h5p_data(payload) if kind == "h5p" else clean_cmi(kind, payload.get("cmi"))
    return Commit(sco=sco, attempt_key=attempt_key, sequence=sequence, data=data)


def _number(value) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) < 1e9
    )


def _h5p_data(payload: dict) -> dict:
    data = {}
    if "state" in payload:
        state = payload["state"]
        if state is None:
            state = ""
        if not isinstance(state, str):
            raise InvalidData("invalid_state", _("L’état du contenu H5P doit être un texte."))
        if len(state) > MAX_H5P_STATE:
            raise InvalidData(
                "too_long",
                _("L’état du contenu H5P dépasse %(limit)s caractères.") % {"limit": MAX_H5P_STATE},
            )
        data["state"] = state
    result = payload.get("result")
    if result is not None:
        data["result"] = _h5p_result(result)
    return data


def _h5p_result(result) -> dict:
    invalid = InvalidData("invalid_result", _("Le résultat du contenu H5P est mal formé."))
    if not isinstance(result, dict) or set(result) - {"completion", "success", "score"}:
        raise invalid
    completion, success = result.get("completion", False), result.get("success")
    if not isinstance(completion, bool) or not (success is None or isinstance(success, bool)):
        raise invalid
    cleaned = {"completion": completion, "success": success, "score": None}
    score = result.get("score")
    if score is not None:
        if not isinstance(score, dict) or set(score) - {"scaled", "raw", "min", "max"}:
            raise invalid
        if not all(_number(value) for value in score.values()):
            raise invalid
        scaled = score.get("scaled")
        if scaled is not None and not -1 <= scaled <= 1:
            raise InvalidData(
                "invalid_result", _("Le score du contenu H5P doit être compris entre -1 et 1.")
            )
        low, high, raw = score.get("min"), score.get("max"), score.get("raw")
        if low is not None and high is not None and raw is not None and not low <= raw <= high:
            raise InvalidData(
                "invalid_result",
                _("Le score brut du contenu H5P est hors de ses bornes (min et max)."),
            )
        cleaned["score"] = dict(score)
    return cleaned
