"""Registering for a session of a module, and cancelling (with a confirmation page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.models import TrainingSession
from learners.common.exceptions import LearnerServiceError
from learners.common.responses import not_found, service_error_response
from learners.learning import selectors as learning_selectors
from learners.sessions import calendar, services
from learners.sessions import selectors as sessions_selectors
from learners.sessions.models import SessionRegistration


def _when(session) -> str:
    start = localtime(session.start)
    return _("%(date)s à %(time)s") % {
        "date": date_format(start, "WEEKDAY_DATE_FORMAT"),
        "time": time_format(start, "TIME_FORMAT"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def register_session(request, session_id: int):
    """Take a seat in a session, or a place on its waitlist when it is full."""
    session = TrainingSession.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        return not_found(request, _("Cette session n’existe pas ou a été supprimée."))
    here = learning_selectors.learning_url(session.course_id)
    if request.method == "GET":
        return redirect(here)
    try:
        registration = services.register_for_session(user=request.user, session=session)
    except LearnerServiceError as error:
        return service_error_response(request, error, back=here)
    if registration.status == SessionRegistration.Status.CONFIRMED:
        messages.success(
            request,
            _("Votre place est réservée pour la session du %(when)s. Un courriel vous le confirme.")
            % {"when": _when(session)},
        )
    else:
        messages.info(
            request,
            _(
                "La session du %(when)s est complète : vous êtes sur la liste d’attente, en "
                "position %(position)s. Vous serez prévenu ou prévenue par courriel si une place "
                "se libère."
            )
            % {
                "when": _when(session),
                "position": sessions_selectors.waitlist_position(registration),
            },
        )
    return redirect(here)


@login_required
@require_http_methods(["GET", "POST"])
def cancel_registration(request, registration_id: int):
    """Cancel one's own registration, after a confirmation page; another agent's is a 404."""
    registration = (
        SessionRegistration.objects.for_user(request.user)
        .current()
        .select_related("session__course")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return not_found(request, _("Cette inscription n’existe pas ou a déjà été annulée."))
    session = registration.session
    here = learning_selectors.learning_url(session.course_id)
    if request.method == "POST":
        try:
            services.cancel_registration(user=request.user, registration=registration)
        except LearnerServiceError as error:
            return service_error_response(request, error, back=here)
        messages.success(
            request,
            _("Votre inscription à la session du %(when)s est annulée.") % {"when": _when(session)},
        )
        return redirect(here)
    return render(
        request,
        "learners/sessions/cancel_registration_confirm.html",
        {
            "title": _("Annuler l’inscription à la session"),
            "breadcrumb": [
                {"label": _("Mon espace"), "url": reverse("dashboard")},
                {"label": session.course.title, "url": here},
            ],
            "registration": registration,
            "session": session,
            "back_url": here,
        },
    )


@login_required
@require_GET
def registration_calendar(request, registration_id: int):
    """The agent's confirmed seat as an iCalendar file ("Ajouter à mon agenda")."""
    registration = (
        SessionRegistration.objects.for_user(request.user)
        .confirmed()
        .select_related("session__course")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return not_found(
            request, _("Cette inscription n’existe pas, n’est pas confirmée ou a été annulée.")
        )
    response = HttpResponse(
        calendar.session_event(registration), content_type="text/calendar; charset=utf-8"
    )
    day = localtime(registration.session.start).date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="session-{day}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
