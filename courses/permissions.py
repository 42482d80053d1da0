"""Who may change which content: a trainer edits the paths of their pedagogical team.

Wagtail's group permissions give trainers "add" and "change" on the whole catalogue. Within it,
a trainer may change a path, and everything below it (modules, lessons, quizzes, sessions),
only when they are on its pedagogical team: its owner (who created it) or one of its trainers
(`TrainingPathPage.contact_trainers`, "équipe pédagogique"). Reviewers and administrators, who
may publish, and superusers change everything; a trainer may still create a new path, which
they then own.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester

# Granted by the catalogue's group permissions to those who edit every path (reviewers,
# administrators): "publish".
EDIT_ALL_PERMISSION = "publish"


def team_tree_paths(user) -> frozenset[str]:
    """The tree paths (`Page.path`) of the training paths whose team `user` is on: one query,
    cached on the user object for the request (the admin asks for every page it lists)."""
    if not hasattr(user, "_campus_team_tree_paths"):
        path_type = ContentType.objects.get_by_natural_key("courses", "trainingpathpage")
        user._campus_team_tree_paths = frozenset(
            Page.objects.filter(content_type=path_type)
            .filter(Q(owner=user) | Q(pk__in=user.contact_for_paths.values("pk")))
            .values_list("path", flat=True)
        )
    return user._campus_team_tree_paths


def is_on_path_team(user, page) -> bool:
    """Whether `user` owns, or is a trainer of, the path `page` is or belongs to."""
    return any(page.path.startswith(tree_path) for tree_path in team_tree_paths(user))


class PathTeamPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, emptied for a trainer outside the path's team: they can
    neither edit, add below, move, copy into, delete, lock nor submit the path's pages."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if (
            user.is_active
            and not user.is_superuser
            and self.permissions
            and EDIT_ALL_PERMISSION not in self.permissions
            and not is_on_path_team(user, page)
        ):
            self.permissions = set()


class PathTeamPermissions:
    """Mixin of the pages of a path (the path, its modules and activities)."""

    def permissions_for_user(self, user):
        return PathTeamPermissionTester(user, self)
