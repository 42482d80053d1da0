"""Responses shared by the learners views: errors with a clear message, safe redirects."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import get_resolver
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from learners.common.exceptions import LearnerServiceError, NotAllowed, NotFound


def error_page(request, *, status: int, message, title=None, link=None, link_label=None):
    """A 403 or 404 page that says why, with a way out."""
    default_title = _("Accès refusé") if status == 403 else _("Page non trouvée")
    return render(
        request,
        "learners/common/error.html",
        {
            "title": title or default_title,
            "status": status,
            "message": message,
            "link": link,
            "link_label": link_label,
        },
        status=status,
    )


def not_found(request, message=None):
    return error_page(
        request, status=404, message=message or _("Cette page n’existe pas ou n’est plus publiée.")
    )


def service_error_response(request, error: LearnerServiceError, *, back: str):
    """404 / 403 pages for access errors; otherwise an error message and a redirect to `back`."""
    if isinstance(error, NotFound):
        return not_found(request, error.message)
    if isinstance(error, NotAllowed):
        return error_page(request, status=403, message=error.message)
    messages.error(request, error.message)
    return redirect(back)


def next_url(request, default: str) -> str:
    """The `next` POST/GET parameter when it is a local URL, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def forbidden_as_403(view):
    """Answer the campus's 403 page where a Wagtail admin view would redirect to the dashboard
    with a message: someone who may not see certificates or the audit log is told so plainly."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exception:
            return get_resolver().resolve_error_handler(403)(request, exception)

    return wrapped
