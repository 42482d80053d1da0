"""The administrators' "Journal d’audit" in the Wagtail admin (Paramètres menu): read only.

Administrators list, filter (action, date), search and inspect events; nobody adds, edits or
deletes one (the model refuses it anyway). Trainers and reviewers, who reach the admin, get 403.

Wagtail admin: the administrators' "Demandes d’effacement" (RGPD) list, with a confirm action
that erases the account (`services.confirm_erasure`). Everyone else gets 403.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from learners.accounts import permissions
from learners.common.admin import PolicyOnlyViewSetMixin
from learners.privacy import services
from learners.privacy.models import AuditEvent, ErasureRequest


class AuditEventPermissionPolicy(BasePermissionPolicy):
    """Administrators may "view"; no other action exists for anyone."""

    def user_has_permission(self, user, action):
        return action == "view" and permissions.is_administrator(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return permissions.administrators().none()
        return permissions.administrators()


register_permission_policy(AuditEvent, AuditEventPermissionPolicy(AuditEvent))


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=gettext_lazy("Action"),
        choices=AuditEvent.Action.choices,
        empty_label=gettext_lazy("Toutes"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "created_at"]


class AuditEventIndexView(IndexView):
    default_ordering = "-created_at"

    def search_queryset(self, queryset):
        """Actor or object, by name or e-mail; or the object's id typed exactly."""
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        return queryset.filter(
            Q(actor_label__icontains=query) | Q(target_label__icontains=query) | Q(target_id=query)
        )


class AuditEventViewSet(PolicyOnlyViewSetMixin, ModelViewSet):
    model = AuditEvent
    name = "learners_audit"
    url_prefix = "journal-audit"
    icon = "history"
    menu_label = gettext_lazy("Journal d’audit")
    add_to_settings_menu = True
    add_to_reference_index = False
    inspect_view_enabled = True
    index_view_class = AuditEventIndexView
    filterset_class = AuditEventFilterSet
    # The create and edit views exist but the policy denies them to everyone.
    form_fields = ["action"]
    search_fields = ["actor_label", "target_label", "target_id"]
    list_display = [
        DateColumn("created_at", label=gettext_lazy("Date"), sort_key="created_at"),
        Column("actor_label", label=gettext_lazy("Auteur")),
        Column("action", label=gettext_lazy("Action"), accessor="get_action_display"),
        Column("target_label", label=gettext_lazy("Objet")),
        Column("ip", label=gettext_lazy("Adresse IP")),
    ]
    list_per_page = 50
    inspect_view_fields = [
        "created_at",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "details",
        "ip",
    ]


audit_event_viewset = AuditEventViewSet()


@hooks.register("register_admin_viewset")
def register_audit_event_viewset():
    return audit_event_viewset


class AdministratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ErasureRequestIndexView(AdministratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Demandes d’effacement")
    header_icon = "bin"
    template_name = "learners/privacy/admin/erasure_requests.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        requests = ErasureRequest.objects.select_related("user", "confirmed_by")
        return super().get_context_data(
            pending=list(requests.pending().order_by("requested_at")),
            done=list(requests.exclude(status=ErasureRequest.Status.PENDING)[:100]),
            **kwargs,
        )


class ErasureRequestConfirmView(AdministratorsOnly, View):
    http_method_names = ["post"]

    def post(self, request, request_id: int):
        erasure_request = ErasureRequest.objects.filter(pk=request_id).first()
        if erasure_request is None:
            raise Http404(_("Cette demande n’existe pas."))
        services.confirm_erasure(erasure_request=erasure_request, confirmed_by=request.user)
        messages.success(request, _("Le compte a été effacé (anonymisé)."))
        return redirect("learners_erasure_index")


class ErasureMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_administrator(request.user)


@hooks.register("register_admin_urls")
def register_erasure_urls():
    return [
        path("effacements/", ErasureRequestIndexView.as_view(), name="learners_erasure_index"),
        path(
            "effacements/<id:request_id>/confirmer/",
            ErasureRequestConfirmView.as_view(),
            name="learners_erasure_confirm",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_erasure_menu_item():
    return ErasureMenuItem(
        gettext_lazy("Demandes d’effacement"),
        reverse("learners_erasure_index"),
        icon_name="bin",
        order=900,
    )
