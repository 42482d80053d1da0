"""Organisation units form a tree where "all units under X" is one query."""

import pytest

from learners.accounts.models import OrgUnit
from learners.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    ministry = OrgUnitFactory(name="Ministère", kind=OrgUnit.Kind.MINISTRY)
    direction = OrgUnitFactory(name="Direction", kind=OrgUnit.Kind.DIRECTION, parent=ministry)
    sub = OrgUnitFactory(name="Sous-direction", kind=OrgUnit.Kind.SUB_DIRECTION, parent=direction)
    office_a = OrgUnitFactory(name="Bureau A", parent=sub)
    office_b = OrgUnitFactory(name="Bureau B", parent=direction)
    other = OrgUnitFactory(name="Autre ministère", kind=OrgUnit.Kind.MINISTRY)
    return locals()


def test_models_org_unit_subtree_is_one_query(tree, django_assert_num_queries):
    """A direction's subtree contains itself and everything below, nothing else, in one query."""
    with django_assert_num_queries(1):
        names = {unit.name for unit in tree["direction"].subtree()}
    assert names == {"Direction", "Sous-direction", "Bureau A", "Bureau B"}


def test_models_org_unit_descendants_of_several_units(tree, django_assert_num_queries):
    """The scope of several units is the union of their subtrees, still one query."""
    units = [tree["sub"], tree["other"]]
    with django_assert_num_queries(1):
        names = {unit.name for unit in OrgUnit.objects.descendants_of(units)}
    assert names == {"Sous-direction", "Bureau A", "Autre ministère"}


def test_models_org_unit_descendants_of_nothing_is_empty(tree):
    assert not OrgUnit.objects.descendants_of([]).exists()
