"""Who a manager sees: every agent of the units they are responsible for and of all units below
them (materialised-path prefixes: one query on the unit tree). Administrators see everything.

Views look every id up through these querysets, so an id outside the scope answers 404.
"""

from django.db.models import QuerySet

from learners.accounts.models import OrgUnit, User
from learners.accounts.permissions import is_administrator


def managed_roots(user) -> list[OrgUnit]:
    """The units `user` is responsible for, without those already under another of them (cached
    on the user object: one query per request)."""
    if not hasattr(user, "_campus_managed_roots"):
        units = list(user.managed_units.order_by("path")) if user.is_authenticated else []
        roots = []
        for unit in units:
            if not any(unit.path.startswith(root.path) for root in roots):
                roots.append(unit)
        user._campus_managed_roots = roots
    return user._campus_managed_roots


def team_scope(user) -> QuerySet[OrgUnit]:
    """The units `user` may see reports of: all for administrators, the subtrees of their
    managed units for managers, none for anyone else."""
    if is_administrator(user):
        return OrgUnit.objects.all()
    roots = managed_roots(user)
    if not roots:
        return OrgUnit.objects.none()
    return OrgUnit.objects.descendants_of(roots)


def agents_in_scope(user) -> QuerySet[User]:
    """Active agents `user` may see. Administrators also see agents attached to no unit."""
    agents = User.objects.filter(is_active=True)
    if is_administrator(user):
        return agents
    return agents.filter(org_unit__in=team_scope(user))


def top_units(user) -> list[OrgUnit]:
    """Where the hierarchy starts for `user`: the root units (administrators) or the units they
    are responsible for."""
    if is_administrator(user):
        return list(OrgUnit.objects.filter(depth=1))
    return managed_roots(user)


def unit_in_scope(user, unit_id) -> OrgUnit | None:
    """The unit with this id if `user` may see it (one query), else None."""
    return team_scope(user).filter(pk=unit_id).first()


def ancestors_in_scope(user, unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors that `user` may see, from the top (breadcrumb; one query)."""
    steplen = OrgUnit.steplen
    prefixes = [unit.path[:end] for end in range(steplen, len(unit.path), steplen)]
    return list(team_scope(user).filter(path__in=prefixes).order_by("depth"))
