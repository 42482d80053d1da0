"""Wagtail admin: "Traces xAPI" (Rapports menu), the state of the outbox of xAPI statements
for administrators: how many were sent, are waiting, are failing, the oldest one waiting and
the last error. Read only."""

from django.conf import settings
from django.http import HttpResponseForbidden
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learners.accounts import permissions
from learners.xapi import selectors

TITLE = gettext_lazy("Traces xAPI")


class OutboxStateView(WagtailAdminTemplateMixin, TemplateView):
    page_title = TITLE
    header_icon = "upload"
    template_name = "learners/xapi/admin/outbox_state.html"

    def dispatch(self, request, *args, **kwargs):
        # A plain 403 (not Wagtail's redirect to the dashboard): the page exists, it is not theirs.
        if not permissions.is_administrator(request.user):
            return HttpResponseForbidden(_("Réservé aux administrateurs du campus."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            state=selectors.outbox_state(),
            enabled=settings.XAPI_ENABLED,
            lrs_url=settings.XAPI_LRS_URL,
            **kwargs,
        )


class OutboxStateMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_administrator(request.user)


@hooks.register("register_admin_urls")
def register_outbox_state_urls():
    return [path("traces-xapi/", OutboxStateView.as_view(), name="learners_xapi_outbox")]


@hooks.register("register_reports_menu_item")
def register_outbox_state_menu_item():
    return OutboxStateMenuItem(
        TITLE, reverse("learners_xapi_outbox"), name="xapi-outbox", icon_name="upload", order=300
    )
