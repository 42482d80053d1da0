"""The commit endpoint of SCORM and H5P activities: `POST /apprendre/<id>/paquet/`.

Called by the campus page's script (never by the content origin), with the session cookie and
the CSRF token: JSON with `X-CSRFToken`, or a form with `payload` and `csrfmiddlewaretoken`
(`navigator.sendBeacon` on `pagehide`). Every answer is JSON; an error carries a code and a
French message, and nothing is saved.
"""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learners.accounts import permissions
from learners.common.exceptions import NotAllowed, NotFound
from learners.learning import selectors as learning_selectors
from learners.learning.models import Enrolment
from learners.learning.packages import services
from learners.learning.packages.datamodel import InvalidData
from learners.learning.packages.payload import parse_commit, read_body

logger = logging.getLogger(__name__)
PACKAGE_KINDS = ("scorm", "h5p")


def _error(status: int, code: str, message) -> JsonResponse:
    if status == 400:  # the code only: the data may hold what the agent typed
        logger.info("Package commit refused: %s", code)
    return JsonResponse({"error": code, "message": str(message)}, status=status)


def _not_found(message=None) -> JsonResponse:
    return _error(
        404, "not_found", message or _("Cette activité n’existe pas ou n’est pas publiée.")
    )


@require_POST
def package_commit(request, activity_id: int):
    """Save one commit of the agent's own attempt; answer the activity's result."""
    if not request.user.is_authenticated:
        return _error(
            403,
            "login_required",
            _("Votre session a expiré : reconnectez-vous pour enregistrer votre progression."),
        )
    try:
        activity = learning_selectors.resolve_activity(activity_id)
    except NotFound:
        return _not_found()
    if activity.kind not in PACKAGE_KINDS or activity.page.package_id is None:
        return _not_found()
    enrolment = Enrolment.objects.filter(user=request.user, path=activity.path).first()
    if not permissions.may_record_progress(request.user, enrolment):
        return _error(
            403,
            "not_enrolled",
            _("Inscrivez-vous au parcours pour enregistrer votre progression."),
        )
    package = activity.page.package
    try:
        payload = read_body(request)
        commit = parse_commit(package.kind, payload)
    except RequestDataTooBig:
        return _error(400, "too_large", _("Les données envoyées sont trop volumineuses."))
    except (SuspiciousOperation, MultiPartParserError):
        return _error(400, "invalid_payload", _("Les données envoyées sont mal formées."))
    except InvalidData as invalid:
        return _error(400, invalid.code, invalid.message)
    if commit.sco not in package.sco_identifiers:
        return _not_found(_("Cette partie du module n’existe pas."))
    try:
        outcome = services.commit(
            user=request.user,
            page=activity.page,
            path=activity.path,
            sco=commit.sco,
            attempt_key=commit.attempt_key,
            sequence=commit.sequence,
            data=commit.data,
        )
    except InvalidData as invalid:
        return _error(400, invalid.code, invalid.message)
    except NotFound as error:
        return _not_found(error.message)
    except NotAllowed as error:
        return _error(403, "not_enrolled", error.message)
    result = outcome.result
    return JsonResponse(
        {
            "saved": True,
            "applied": outcome.applied,
            "completed": result.completed,
            "passed": result.passed,
            "score": result.score,
        }
    )
