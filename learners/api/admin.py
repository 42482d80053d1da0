"""The administrators' "Clients de l’API" in the Wagtail admin (Paramètres menu).

Administrators create a client (name, scopes, units): its client id and secret are shown once,
on creation (only the secret's hash is kept). They edit its scopes and units, deactivate or
delete it. Everyone else, trainers and reviewers included, gets 403.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from learners.accounts import permissions
from learners.api import services
from learners.api.models import ApiClient
from learners.common.admin import PolicyOnlyViewSetMixin


class ApiClientPermissionPolicy(BasePermissionPolicy):
    """Administrators may do everything with clients; nobody else anything."""

    def user_has_permission(self, user, action):
        return permissions.is_administrator(user)

    def user_has_any_permission(self, user, actions):
        return permissions.is_administrator(user)

    def users_with_any_permission(self, actions):
        return permissions.administrators()


register_permission_policy(ApiClient, ApiClientPermissionPolicy(ApiClient))


class ApiClientForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Droits"),
        choices=ApiClient.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ApiClient
        fields = ["name", "scopes", "units", "is_active"]


class ApiClientCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        client, self.secret = services.create_client(
            name=data["name"],
            scopes=data["scopes"],
            units=data["units"],
            created_by=self.request.user,
        )
        if not data["is_active"]:
            client.is_active = False
            client.save(update_fields=["is_active"])
        return client

    def get_success_message(self, instance):
        return _(
            "Client « %(name)s » créé. Identifiant : %(id)s — secret : %(secret)s. Copiez le "
            "secret maintenant : il ne sera plus affiché."
        ) % {"name": instance.name, "id": instance.client_id, "secret": self.secret}


class ApiClientViewSet(PolicyOnlyViewSetMixin, ModelViewSet):
    model = ApiClient
    name = "learners_api_clients"
    url_prefix = "clients-api"
    icon = "key"
    menu_label = gettext_lazy("Clients de l’API")
    add_to_settings_menu = True
    add_to_reference_index = False
    form_fields = ["name", "scopes", "units", "is_active"]

    def get_form_class(self, for_update=False):
        return ApiClientForm

    add_view_class = ApiClientCreateView
    search_fields = ["name"]
    list_display = [
        Column("name", label=gettext_lazy("Nom")),
        Column("client_id", label=gettext_lazy("Identifiant")),
        Column("scopes", label=gettext_lazy("Droits")),
        Column("is_active", label=gettext_lazy("Actif")),
        DateColumn("created_at", label=gettext_lazy("Créé le")),
    ]

    def get_queryset(self, request):
        return ApiClient.objects.select_related("application")


api_client_viewset = ApiClientViewSet()


@hooks.register("register_admin_viewset")
def register_api_client_viewset():
    return api_client_viewset
