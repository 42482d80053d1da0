"""Mon espace: the agent's paths, sessions, completed paths and certificates."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from learners.learning import selectors


@login_required
def dashboard(request):
    """The agent's own learning, in a constant number of queries."""
    return render(
        request,
        "learners/learning/dashboard.html",
        {"title": _("Mon espace"), "dashboard": selectors.dashboard_for(request.user)},
    )
