"""Admin registrations: the catalogue's snippets (themes, skills), the dashboard's panel."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.admin_panels import getting_started_panel
from courses.models import SkillTag, Theme


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
