"""Mon compte › Mon profil: the agent's first and last names, as their certificates carry them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from learners.accounts import permissions, services
from learners.accounts.forms import NamesForm
from learners.common.exceptions import LearnerServiceError
from learners.common.responses import service_error_response

TEMPLATE = "learners/accounts/profile.html"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The names in a form, or read-only with where they come from when ProConnect asserts
    them (a POST is then refused with 403)."""
    user = request.user
    if not permissions.may_edit_names(user):
        if request.method == "POST":
            return service_error_response(
                request, services.NamesFromProConnect(), back=request.path
            )
        return render(request, TEMPLATE, {"form": None})
    form = NamesForm(
        request.POST if request.method == "POST" else None,
        initial={"first_name": user.first_name, "last_name": user.last_name},
    )
    if form.is_bound and form.is_valid():
        try:
            services.update_names(user=user, **form.cleaned_data)
        except LearnerServiceError as error:
            return service_error_response(request, error, back=request.path)
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("account_profile")
    return render(request, TEMPLATE, {"form": form})
