"""Background entry points that run a learning service, queued by receivers."""

from django_tasks import task
from wagtail.models import Page

from courses.models import TrainingPathPage
from learners.learning.services import progress


@task()
def refresh_progress_under(page_tree_path: str) -> int:
    """Recompute the enrolments of the path containing the page at `page_tree_path` (the
    page's materialised path, known even after the page is deleted)."""
    steplen = Page.steplen
    prefixes = [page_tree_path[:end] for end in range(steplen, len(page_tree_path) + 1, steplen)]
    path = TrainingPathPage.objects.filter(path__in=prefixes).first()
    if path is None:
        return 0
    return progress.refresh_path_progress(path=path)
