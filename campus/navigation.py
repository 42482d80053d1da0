"""The main navigation: which entries the current user sees.

Apps add their entries here as they grow; an entry whose URL does not resolve yet is skipped, so
the header never links to a page that does not exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from learners.accounts import permissions


@dataclass(frozen=True)
class NavigationEntry:
    label: str | Promise
    url_name: str
    visible_to: Callable = lambda user: True


ENTRIES = [
    NavigationEntry(_("Catalogue"), "catalogue"),
    NavigationEntry(_("Mon espace"), "dashboard", lambda user: user.is_authenticated),
    NavigationEntry(_("Mon équipe"), "team", permissions.may_see_team),
    NavigationEntry(_("Administration"), "wagtailadmin_home", permissions.may_author_content),
]


def entries_for(request) -> list[dict]:
    items = []
    for entry in ENTRIES:
        if not entry.visible_to(request.user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": entry.label, "url": url, "current": current})
    return items
