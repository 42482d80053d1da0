"""A manager's scope: the units they are responsible for and everything below them."""

import pytest

from learners.accounts.models import User
from learners.factories import OrgUnitFactory, UserFactory
from learners.team.scope import (
    agents_in_scope,
    ancestors_in_scope,
    managed_roots,
    team_scope,
    top_units,
    unit_in_scope,
)
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(module_db):
    """Built once for the module (rolled back at its end); tests that write use fresh objects."""
    return build_org()


def test_selectors_team_scope_manager_sees_unit_and_subunits(org):
    """The manager of bureau A sees A and its section, not its sibling B nor the parent."""
    assert set(team_scope(org.manager)) == {org.unit_a, org.section_a1}
    assert set(agents_in_scope(org.manager)) == {org.a1, org.a2, org.a3}


def test_selectors_team_scope_is_one_query(org, django_assert_num_queries):
    """Agents in scope: one query for the managed units, one for the agents (subquery)."""
    manager = User.objects.get(pk=org.manager.pk)  # no cached roles
    with django_assert_num_queries(3):  # groups (administrator?), managed units, agents
        list(agents_in_scope(manager))


def test_selectors_team_scope_administrator_sees_everything(org):
    """Administrators see every unit, and agents attached to no unit too."""
    assert set(team_scope(org.admin)) >= {
        org.ministry,
        org.direction,
        org.unit_a,
        org.section_a1,
        org.unit_b,
    }
    assert {org.a1, org.b1, org.d1, org.admin} <= set(agents_in_scope(org.admin))
    assert org.ministry in top_units(org.admin)


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_selectors_team_scope_others_see_nothing(org, who):
    """Agents and trainers have no scope."""
    user = getattr(org, who)
    assert not team_scope(user).exists()
    assert not agents_in_scope(user).exists()


def test_selectors_team_scope_nested_managed_units_are_one_root(org):
    """A manager of A and of its section has one root: A."""
    manager = User.objects.get(pk=org.manager.pk)
    manager.managed_units.add(org.section_a1)
    assert managed_roots(manager) == [org.unit_a]


def test_selectors_team_scope_inactive_agents_are_left_out(org):
    """Deactivated accounts are not in the team."""
    User.objects.filter(pk=org.a2.pk).update(is_active=False)
    assert set(agents_in_scope(org.manager)) == {org.a1, org.a3}


def test_selectors_team_scope_unit_lookup_and_breadcrumb(org):
    """A unit outside the scope is not found; ancestors stop at the scope's top."""
    assert unit_in_scope(org.manager, org.section_a1.pk) == org.section_a1
    assert unit_in_scope(org.manager, org.unit_b.pk) is None
    assert unit_in_scope(org.manager, org.direction.pk) is None
    assert ancestors_in_scope(org.manager, org.section_a1) == [org.unit_a]
    assert ancestors_in_scope(org.admin, org.section_a1) == [
        org.ministry,
        org.direction,
        org.unit_a,
    ]


def test_selectors_team_scope_two_managed_units_in_two_branches(org):
    """A manager of two units in two branches sees both subtrees, and only them."""
    other = OrgUnitFactory(name="Autre ministère", code="min-autre")
    office = OrgUnitFactory(name="Bureau X", code="bureau-x", parent=other)
    agent = UserFactory(email="x@campus.example", org_unit=office)
    manager = User.objects.get(pk=org.manager.pk)
    manager.managed_units.add(office)
    assert set(team_scope(manager)) == {org.unit_a, org.section_a1, office}
    assert agent in set(agents_in_scope(manager))
