"""The administrators' "Certificats" in the Wagtail admin: list, filter, search, export, revoke.

Access is decided by one permission policy: administrators may view certificates and revoke
them; nobody creates, edits or deletes one here (certificates are issued by the services and
kept for verification). Trainers and reviewers, who reach the admin too, get 403.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.models import TrainingPathPage
from learners.accounts import permissions
from learners.certification.models import Certificate, normalise_code
from learners.certification.services import revoke_certificate
from learners.common.admin import PolicyOnlyViewSetMixin
from learners.common.exceptions import LearnerServiceError
from learners.common.responses import forbidden_as_403


class CertificatePermissionPolicy(BasePermissionPolicy):
    """Administrators may "view" and "revoke"; no other action exists for anyone."""

    actions = frozenset({"view", "revoke"})

    def user_has_permission(self, user, action):
        return action in self.actions and permissions.may_manage_certificates(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return permissions.administrators().none()
        return permissions.administrators()


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


class CertificateFilterSet(WagtailFilterSet):
    path = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Parcours"),
        queryset=TrainingPathPage.objects.order_by("title"),
        field_name="path",
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Statut"),
        choices=Certificate.Status.choices,
        method="filter_status",
        empty_label=gettext_lazy("Tous"),
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Délivré le"), widget=DateRangePickerWidget
    )
    expires_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Expire le"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Certificate
        fields = ["path", "status", "issued_at", "expires_at"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value) if value else queryset


class CertificateIndexView(IndexView):
    default_ordering = "-issued_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("revoked_by")

    def search_queryset(self, queryset):
        """Holder, path, or code typed as printed ("7K2QF-9XH3M", any case)."""
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = Q(holder_name__icontains=query) | Q(path_title__icontains=query)
        code = query.replace("-", "").replace(" ", "").upper()
        if code:
            condition |= Q(code__contains=normalise_code(code) or code)
        return queryset.filter(condition)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Télécharger le PDF"),
                url=reverse("certificate_pdf", args=[instance.public_id]),
                icon_name="download",
                priority=40,
            )
        )
        if not instance.is_revoked:
            buttons.append(
                MenuItem(
                    _("Révoquer"),
                    url=reverse("learners_certificate:revoke", args=[instance.pk]),
                    icon_name="cross",
                    priority=50,
                )
            )
        return buttons


class CertificateInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(
                _("Télécharger le PDF"),
                url=reverse("certificate_pdf", args=[self.object.public_id]),
                icon_name="download",
                priority=10,
            ),
            Button(
                _("Page de vérification"),
                url=reverse("certificate_verify_detail", args=[self.object.public_id]),
                icon_name="link-external",
                priority=20,
            ),
        ]
        if not self.object.is_revoked:
            buttons.append(
                Button(
                    _("Révoquer"),
                    url=reverse("learners_certificate:revoke", args=[self.object.pk]),
                    icon_name="cross",
                    priority=30,
                )
            )
        return buttons

    def get_status_display_value(self):
        return self.object.get_status_display()


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif de la révocation"),
        help_text=gettext_lazy(
            "Obligatoire. Il est affiché sur la page publique de vérification du certificat."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RevokeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Revoke one certificate, with a mandatory reason (recorded with who and when)."""

    model = Certificate
    permission_required = "revoke"
    form_class = RevocationForm
    template_name = "learners/certification/admin/certificate_revoke.html"
    header_icon = "cross"
    page_title = gettext_lazy("Révoquer le certificat")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Certificate, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("learners_certificate:index"), "label": _("Certificats")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.object, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.object.is_revoked:
            messages.warning(request, _("Ce certificat est déjà révoqué."))
            return redirect("learners_certificate:index")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            revoke_certificate(
                certificate=self.object,
                reason=form.cleaned_data["reason"],
                revoked_by=self.request.user,
            )
        except LearnerServiceError as error:
            form.add_error("reason", error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Certificat %(code)s révoqué.") % {"code": self.object.display_code},
        )
        return redirect("learners_certificate:index")


class CertificateViewSet(PolicyOnlyViewSetMixin, ModelViewSet):
    model = Certificate
    name = "learners_certificate"
    url_prefix = "certificats"
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Certificats")
    menu_order = 310
    add_to_admin_menu = True
    add_to_reference_index = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    filterset_class = CertificateFilterSet
    # The create and edit views exist but the policy denies them to everyone.
    form_fields = ["revocation_reason"]
    search_fields = ["holder_name", "code", "path_title"]
    list_display = [
        "display_code",
        "holder_name",
        "path_title",
        DateColumn("issued_at", label=gettext_lazy("Délivré le"), sort_key="issued_at"),
        DateColumn("expires_at", label=gettext_lazy("Expire le"), sort_key="expires_at"),
        Column("status", label=gettext_lazy("Statut"), accessor="get_status_display"),
    ]
    list_per_page = 50
    list_export = [
        "display_code",
        "holder_name",
        "path_title",
        "duration_hours",
        "issued_at",
        "expires_at",
        "get_status_display",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "public_id",
    ]
    export_headings = {
        "display_code": gettext_lazy("Code"),
        "holder_name": gettext_lazy("Titulaire"),
        "path_title": gettext_lazy("Parcours"),
        "duration_hours": gettext_lazy("Durée"),
        "issued_at": gettext_lazy("Délivré le"),
        "expires_at": gettext_lazy("Expire le"),
        "get_status_display": gettext_lazy("Statut"),
        "revoked_at": gettext_lazy("Révoqué le"),
        "revoked_by": gettext_lazy("Révoqué par"),
        "revocation_reason": gettext_lazy("Motif de révocation"),
        "public_id": gettext_lazy("Identifiant public"),
    }
    export_filename = "certificats"
    inspect_view_fields = [
        "display_code",
        "holder_name",
        "path_title",
        "path",
        "path_revision_id",
        "duration_minutes",
        "issued_at",
        "expires_at",
        "status",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "superseded_by",
        "public_id",
    ]

    @property
    def revoke_view(self):
        return RevokeView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<id:pk>/", forbidden_as_403(self.revoke_view), name="revoke"),
        ]


certificate_viewset = CertificateViewSet()


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return certificate_viewset
