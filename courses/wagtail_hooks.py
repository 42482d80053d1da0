"""Admin registrations: the catalogue's snippets (themes, skills), the dashboard's panel, the
read-only listing of SCORM and H5P packages."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.admin_panels import getting_started_panel
from courses.choices import ADMINISTRATORS_GROUP_NAME
from courses.models import ContentPackage, SkillTag, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class SkillTagViewSet(SnippetViewSet):
    model = SkillTag
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CatalogueSnippets(SnippetViewSetGroup):
    menu_label = _("Classement")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ThemeViewSet, SkillTagViewSet)


register_snippet(CatalogueSnippets)


class ContentPackagePolicy(BasePermissionPolicy):
    """Administrators view the packages; nobody adds, edits or deletes one here: they are added
    by uploading them on an activity page, and deleted only when nothing refers to them
    (`manage.py prune_packages`)."""

    def user_has_permission(self, user, action):
        return action == "view" and _is_administrator(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        administrators = Q(is_superuser=True) | Q(groups__name=ADMINISTRATORS_GROUP_NAME)
        return User.objects.filter(administrators, is_active=True).distinct()


def _is_administrator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS_GROUP_NAME).exists()


register_permission_policy(ContentPackage, ContentPackagePolicy(ContentPackage))


class ContentPackageViewSet(ModelViewSet):
    model = ContentPackage
    icon = "doc-full-inverse"
    menu_label = _("Paquets SCORM et H5P")
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["title", "kind", "schema_version", "file_count", "created_at"]
    list_filter = ["kind"]
    search_fields = ["title", "sha256"]
    inspect_view_fields = [
        "title",
        "kind",
        "schema_version",
        "sha256",
        "size",
        "file_count",
        "created_at",
        "uploaded_by",
    ]
    form_fields = ["title"]


@hooks.register("register_admin_viewset")
def register_content_package_viewset():
    return ContentPackageViewSet("content_packages")


@hooks.register("construct_homepage_panels")
def add_getting_started_panel(request, panels):
    panel = getting_started_panel(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("before_delete_page")
def keep_sessions_with_registrations(request, page):
    """A page whose sessions have registrations is not deleted (the registrations would go with
    it, unannounced): the editor is told to cancel the sessions first."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from courses.models import TrainingSession

    booked = TrainingSession.objects.filter(
        course__path__startswith=page.path, registrations__isnull=False
    ).exists()
    if not booked:
        return None
    messages.error(
        request,
        _(
            "« %(title)s » a des sessions avec des inscrits : la page ne peut pas être "
            "supprimée. Annulez d’abord ces sessions (page « Présences »), ou dépubliez la page."
        )
        % {"title": page.title},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
