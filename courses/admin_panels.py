"""The admin dashboard's "Campus : pour commencer" panel, for the people who write paths.

It offers the two first steps (add a path to the catalogue, browse the catalogue in the
explorer), lists the user's own paths not yet published with their review status, and recalls
that paths are reviewed before publication. Registered by `courses.wagtail_hooks`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from courses.models import CatalogPage
from courses.selectors import paths_in_progress_by

STATUS_LABELS = {
    None: _("brouillon"),
    WorkflowState.STATUS_IN_PROGRESS: _("en relecture"),
    WorkflowState.STATUS_NEEDS_CHANGES: _("modifications demandées"),
}


@dataclass(frozen=True)
class PathInProgress:
    id: int
    title: str
    status: str | None  # None (a plain draft), or the status of its active workflow state

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class GettingStartedPanel(Component):
    name = "campus_getting_started"
    template_name = "courses/admin/getting_started_panel.html"
    order = 100  # first: before Wagtail's own panels (moderation 210-220, recent edits 250)

    class Media:
        css = {"all": ["campus/admin_getting_started.css"]}

    def __init__(self, catalogue: CatalogPage):
        self.catalogue = catalogue

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        paths = [
            PathInProgress(
                id=page.pk,
                title=page.get_admin_display_title(),
                status=state.status if (state := page.current_workflow_state) else None,
            )
            for page in paths_in_progress_by(user)
        ]
        return {"catalogue": self.catalogue, "paths": paths}


def getting_started_panel(user) -> GettingStartedPanel | None:
    """The panel, for users who may add a path under the catalogue (trainers, reviewers,
    administrators with page rights); None for anyone else."""
    catalogue = CatalogPage.objects.first()
    if catalogue is None or not catalogue.permissions_for_user(user).can_add_subpage():
        return None
    return GettingStartedPanel(catalogue)
