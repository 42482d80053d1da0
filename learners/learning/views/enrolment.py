"""Enrolling in a path, leaving it, and resuming it where the agent stopped."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.models import TrainingPathPage
from courses.selectors import path_outline
from learners.common.exceptions import LearnerServiceError
from learners.common.responses import not_found, service_error_response
from learners.learning import selectors, services
from learners.learning.models import Enrolment


def _live_path(path_id: int):
    return TrainingPathPage.objects.live().filter(pk=path_id).first()


@require_http_methods(["GET", "POST"])
def enrol_path(request, path_id: int):
    """POST: enrol the agent ("S’inscrire" on the path page). GET (after login): the path page."""
    path = _live_path(path_id)
    if path is None:
        return not_found(request, _("Ce parcours n’existe pas ou n’est pas publié."))
    path_url = path.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(path_url)
    if request.method == "GET":
        return redirect(path_url)
    try:
        enrolment = services.enrol(user=request.user, path=path)
    except LearnerServiceError as error:
        return service_error_response(request, error, back=path_url)
    if enrolment.created:
        messages.success(
            request,
            _("Vous êtes inscrit ou inscrite au parcours « %(title)s ». Bonne formation !")
            % {"title": path.title},
        )
    else:
        messages.info(request, _("Vous êtes déjà inscrit ou inscrite à ce parcours."))
    return redirect(path_url)


@login_required
@require_http_methods(["GET", "POST"])
def abandon_path(request, path_id: int):
    """Leave a path, after a confirmation page; progress is kept."""
    path = _live_path(path_id)
    enrolment = path and Enrolment.objects.for_user(request.user).filter(path=path).active().first()
    if enrolment is None:
        return not_found(request, _("Vous n’êtes pas inscrit ou inscrite à ce parcours."))
    path_url = path.get_url(request)
    if request.method == "POST":
        try:
            services.abandon(user=request.user, path=path)
        except LearnerServiceError as error:
            return service_error_response(request, error, back=path_url)
        messages.success(
            request,
            _(
                "Vous avez quitté le parcours « %(title)s ». Votre progression est conservée : "
                "elle vous attend si vous vous réinscrivez."
            )
            % {"title": path.title},
        )
        return redirect(path_url)
    return render(
        request,
        "learners/learning/abandon_confirm.html",
        {
            "title": _("Abandonner le parcours"),
            "breadcrumb": [
                {"label": _("Catalogue"), "url": reverse("catalogue")},
                {"label": path.title, "url": path_url},
            ],
            "path": path,
            "path_url": path_url,
            "enrolment": enrolment,
        },
    )


@login_required
def resume_path(request, path_id: int):
    """Open the first activity the agent has not completed ("Reprendre")."""
    path = _live_path(path_id)
    enrolment = path and Enrolment.objects.for_user(request.user).filter(path=path).active().first()
    if enrolment is None:
        return not_found(request, _("Vous n’êtes pas inscrit ou inscrite à ce parcours."))
    outline = path_outline(path, request=request)
    progress = selectors.PathProgress(outline, selectors.completed_activity_ids(request.user, path))
    activity = progress.first_not_completed()
    if activity is None:
        messages.info(request, _("Ce parcours n’a pas encore d’activité en ligne."))
        return redirect(path.get_url(request))
    return redirect(selectors.learning_url(activity.id))
