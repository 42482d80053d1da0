"""How the catalogue's public pages link to each other: breadcrumbs, an activity's previous and
next activities, the way from an activity to the learning view or to its path's enrolment.

Below the page models (their `get_context` uses these): reads pages through the instances it
is given and imports no page model.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from courses import providers


@dataclass(frozen=True)
class PageLink:
    """A page as a link: its URL computed without the request (relative on a single site)."""

    id: int
    title: str
    url: str | None


def breadcrumb(page) -> list[Page]:
    """The ancestors of a catalogue page below the home page (catalogue, path, module)."""
    return list(page.get_ancestors().filter(depth__gt=2))


def enrol_url(path) -> str | None:
    """The enrolment action, once `learners` provides the URL named "enrol_path"."""
    try:
        return reverse("enrol_path", args=[path.pk])
    except NoReverseMatch:
        return None


def learning_url(activity) -> str | None:
    """The activity in the learning view, once `learners` provides the URL named
    "learning_activity"."""
    try:
        return reverse("learning_activity", args=[activity.pk])
    except NoReverseMatch:
        return None


def activity_call_to_action(activity, request, path) -> dict | None:
    """Where the public page of a lesson or quiz leads: an agent enrolled in its path to the
    activity in the learning view, anyone else to the path page, to enrol.

    Anonymous visitors all get the same link, without a query, so the page holds nothing of one
    visitor (fit for the anonymous page cache, `campus/page_cache.py`); signed-in visitors ask
    `learners` through `providers.learner_state` (a constant number of queries).
    """
    if path is None or not path.live:
        return None
    user = getattr(request, "user", None)
    state = providers.learner_state(request, path) if user is not None else None
    url = learning_url(activity) if activity.live else None
    if state and state.get("enrolled") and url:
        return {"enrolled": True, "url": url, "path_title": path.title}
    return {"enrolled": False, "url": path.get_url(request), "path_title": path.title}


def activity_page_context(activity, request) -> dict:
    """A lesson's or quiz's page: its breadcrumb, previous and next activities in its module,
    and its call to action."""
    siblings = list(activity.get_siblings().live().order_by("path"))
    index = next((i for i, page in enumerate(siblings) if page.pk == activity.pk), None)
    previous_page = siblings[index - 1] if index else None
    next_page = siblings[index + 1] if index is not None and index + 1 < len(siblings) else None
    ancestors = breadcrumb(activity)
    # An activity's grandparent is its path (parent_page_types): found among the ancestors
    # already read, typed without a query.
    path_path = activity.path[: -2 * Page.steplen]
    path = next((page.specific_deferred for page in ancestors if page.path == path_path), None)
    return {
        "breadcrumb_pages": ancestors,
        "previous_activity": previous_page,
        "next_activity": next_page,
        "call_to_action": activity_call_to_action(activity, request, path),
    }
