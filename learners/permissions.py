"""Roles of the campus, answered in one place for views and templates alike.

- agent: every signed-in user;
- trainer: member of the Wagtail group "Formateurs" (authors content, cannot publish);
- reviewer: member of "Responsables pédagogiques" (approves or rejects in the moderation workflow);
- manager: responsible for at least one organisation unit;
- administrator: superuser or member of "Administrateurs".
"""

TRAINERS_GROUP = "Formateurs"
REVIEWERS_GROUP = "Responsables pédagogiques"
ADMINISTRATORS_GROUP = "Administrateurs"


def _group_names(user) -> frozenset[str]:
    # Cached on the user object: templates and views ask several times per request.
    if not hasattr(user, "_campus_group_names"):
        user._campus_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._campus_group_names


def is_administrator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ADMINISTRATORS_GROUP in _group_names(user)


def is_trainer(user) -> bool:
    return user.is_authenticated and TRAINERS_GROUP in _group_names(user)


def is_reviewer(user) -> bool:
    return user.is_authenticated and REVIEWERS_GROUP in _group_names(user)


def is_manager(user) -> bool:
    """Responsible for at least one unit (administrators see every team too)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_campus_is_manager"):
        user._campus_is_manager = user.managed_units.exists()
    return user._campus_is_manager


def may_author_content(user) -> bool:
    """Trainers, reviewers and administrators reach the Wagtail admin ("Administration")."""
    return is_administrator(user) or is_trainer(user) or is_reviewer(user)


def may_see_team(user) -> bool:
    return is_administrator(user) or is_manager(user)
