"""Reads of the catalogue that other apps and the admin use: a path's outline, its sessions, its
prerequisites, the paths a trainer is still writing.

The reads a page's own template needs live with the page (its `get_context`), in
`courses.models` (`outline`, `modules`, `paths`, `catalogue`) and `courses.navigation`; this
module sits above them and keeps their public names importable from here. Cached entries
pickled under these names before they moved still load (same classes).

Every function answers in a constant number of queries, whatever the number of modules,
activities or sessions (asserted in tests/courses/test_queries_budget.py).
"""

from django.db.models import F, Q
from wagtail.models import Page

from courses.models.modules import course_page_context, upcoming_sessions
from courses.models.outline import Outline, OutlineActivity, OutlineModule, path_outline
from courses.models.paths import (
    PathPageContent,
    TrainingPathPage,
    live_prerequisites,
    path_page_content,
    path_page_context,
)
from courses.navigation import (
    PageLink,
    activity_call_to_action,
    activity_page_context,
    breadcrumb,
    enrol_url,
    learning_url,
)

__all__ = [
    "Outline",
    "OutlineActivity",
    "OutlineModule",
    "PageLink",
    "PathPageContent",
    "activity_call_to_action",
    "activity_page_context",
    "breadcrumb",
    "course_page_context",
    "enrol_url",
    "learning_url",
    "live_prerequisites",
    "path_outline",
    "path_page_content",
    "path_page_context",
    "paths_in_progress_by",
    "upcoming_sessions",
]


def paths_in_progress_by(user) -> list[Page]:
    """The paths `user` owns that are not published as they stand (never published, or with
    unpublished changes), last edited first, in two queries: each page's `current_workflow_state`
    (in review, changes requested, or None for a plain draft) is prefetched."""
    # Generic pages, not TrainingPathPage.objects: Wagtail prefetches the workflow states of a
    # non-specific queryset through their base content type (Page), which a queryset of the
    # specific model would not match.
    return list(
        Page.objects.type(TrainingPathPage)
        .filter(Q(live=False) | Q(has_unpublished_changes=True), owner=user)
        .prefetch_workflow_states()
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
    )
