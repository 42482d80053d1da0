"""Wagtail admin: the administrators' "Demandes d’effacement" (RGPD) list, with a confirm action
that erases the account (`services.confirm_erasure`). Everyone else gets 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learners import permissions, services
from learners.models import ErasureRequest


class AdministratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ErasureRequestIndexView(AdministratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Demandes d’effacement")
    header_icon = "bin"
    template_name = "learners/admin/erasure_requests.html"

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
            "effacements/<int:request_id>/confirmer/",
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
