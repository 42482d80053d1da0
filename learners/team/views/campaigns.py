"""Mandatory-training campaigns: list, creation, and each campaign's progress."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from learners.accounts.permissions import is_administrator
from learners.common.exceptions import LearnerServiceError, NotAllowed, NotFound
from learners.common.responses import service_error_response
from learners.team import scope, services
from learners.team.campaigns import (
    campaign_progress,
    campaigns_with_figures,
    late_assignments,
    not_assigned,
    visible_campaigns,
)
from learners.team.forms import AddAgentsForm, CampaignForm
from learners.team.views.reports import out_of_scope, team_breadcrumb, team_required


def _crumbs(request):
    return [
        *team_breadcrumb(request.user),
        {"label": _("Campagnes"), "url": reverse("team_campaigns")},
    ]


@team_required
def campaign_list(request):
    today = timezone.localdate()
    campaigns = campaigns_with_figures(request.user, today)
    page = Paginator(campaigns, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "learners/team/campaigns.html",
        {
            "title": _("Formations obligatoires"),
            "breadcrumb": team_breadcrumb(request.user),
            "page": page,
            "today": today,
            "section": "campaigns",
            "is_administrator": is_administrator(request.user),
        },
    )


@team_required
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    """Assign a path with a due date to a unit (with its sub-units) or to chosen agents."""
    units = scope.team_scope(request.user)
    agents = scope.agents_in_scope(request.user)
    initial = {"include_subunits": True}
    if request.method == "GET":
        # Links from a unit page or a path row pre-fill the form (ids checked by the form).
        for field, param in (("unit", "unite"), ("path", "parcours")):
            if request.GET.get(param, "").isdigit():
                initial[field] = int(request.GET[param])
    form = CampaignForm(request.POST or None, units=units, agents=agents, initial=initial)
    campaign = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.create_campaign(
                path=data["path"],
                created_by=request.user,
                due_date=data["due_date"],
                message=data["message"],
                unit=data["unit"],
                users=data["emails"],
                include_subunits=data["include_subunits"],
                title=data["title"],
            )
        except (NotAllowed, NotFound) as error:
            return service_error_response(request, error, back=reverse("team_campaign_new"))
        except LearnerServiceError as error:
            # Shown above the form, which keeps what the manager typed.
            form.add_error(None, error.message)
    if campaign is not None:
        count = campaign.assignments.count()
        messages.success(
            request,
            ngettext(
                "Le parcours « %(path)s » est assigné à %(count)s agent, "
                "avec une échéance au %(date)s.",
                "Le parcours « %(path)s » est assigné à %(count)s agents, "
                "avec une échéance au %(date)s.",
                count,
            )
            % {
                "path": campaign.path.title,
                "count": count,
                "date": date_format(campaign.due_date, "SHORT_DATE_FORMAT"),
            },
        )
        if campaign.already_assigned:
            messages.info(
                request,
                ngettext(
                    "%(count)s agent devait déjà suivre ce parcours : il n’est pas assigné une "
                    "deuxième fois.",
                    "%(count)s agents devaient déjà suivre ce parcours : ils ne sont pas "
                    "assignés une deuxième fois.",
                    campaign.already_assigned,
                )
                % {"count": campaign.already_assigned},
            )
        return redirect("team_campaign", campaign.pk)
    return render(
        request,
        "learners/team/campaign_form.html",
        {
            "title": _("Assigner une formation"),
            "breadcrumb": _crumbs(request),
            "form": form,
            "section": "campaigns",
            "is_administrator": is_administrator(request.user),
        },
    )


@team_required
@require_http_methods(["GET", "POST"])
def campaign_detail(request, campaign_id: int):
    """Progress of a campaign among the viewer's agents, its late agents, and the agents of its
    unit that it does not assign yet (POST: add them)."""
    campaign = visible_campaigns(request.user).filter(pk=campaign_id).first()
    if campaign is None:
        return out_of_scope(request)
    today = timezone.localdate()
    candidates = not_assigned(campaign, request.user)
    add_form = AddAgentsForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and add_form.is_valid():
        try:
            added = services.add_to_campaign(
                campaign=campaign, users=add_form.cleaned_data["agents"], added_by=request.user
            )
        except LearnerServiceError as error:
            return service_error_response(
                request, error, back=reverse("team_campaign", args=[campaign.pk])
            )
        messages.success(
            request,
            ngettext(
                "%(count)s agent ajouté à la campagne.",
                "%(count)s agents ajoutés à la campagne.",
                added,
            )
            % {"count": added},
        )
        return redirect("team_campaign", campaign.pk)
    candidates = list(candidates)
    # Rendered from `candidates` (one query); everyone is ticked at first, the usual intent.
    checked = (
        {agent.pk for agent in candidates}
        if request.method == "GET"
        else {int(pk) for pk in request.POST.getlist("agents") if pk.isdigit()}
    )
    progress = campaign_progress(campaign, request.user, today)
    late = Paginator(late_assignments(campaign, request.user, today), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "learners/team/campaign.html",
        {
            "title": campaign.title,
            "breadcrumb": _crumbs(request),
            "campaign": campaign,
            "progress": progress,
            "tiles": [
                (progress.assigned, _("agents assignés")),
                (progress.completed, _("ont terminé le parcours")),
                (progress.in_progress, _("ont commencé")),
                (progress.overdue, _("sont en retard")),
            ],
            "late": late,
            "candidates": candidates,
            "add_form": add_form,
            "checked": checked,
            "today": today,
            "section": "campaigns",
            "is_administrator": is_administrator(request.user),
        },
    )
