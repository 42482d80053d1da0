"""Query budget of Mon équipe for the manager of the whole organisation (every root unit, as
in the benchmark `team_ministry`): the same number of queries with one root and two, and after
the organisation grew by many units, agents, paths, enrolments and assignments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learners.accounts.models import OrgUnit, User
from learners.factories import OrgUnitFactory, UserFactory
from learners.team.figures import key_figures, path_table
from learners.team.filters import resolve
from tests.learners.team.builders import build_org
from tests.learners.team.test_queries_team import grow

pytestmark = pytest.mark.django_db


def organisation_manager(org):
    """An agent responsible for every root unit."""
    manager = UserFactory(email="responsable-organisation@campus.example", org_unit=org.unit_b)
    manager.managed_units.add(*OrgUnit.objects.filter(depth=1))
    return manager


def team_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("team"))
    assert response.status_code == 200
    return len(queries)


def test_queries_team_organisation_is_constant(client):
    """Mon équipe over every root costs the same for one root, then for two roots after the
    organisation grew (5 → 53 agents, 2 → 5 paths, 1 → 19 units under the first root)."""
    org = build_org()
    manager = organisation_manager(org)
    client.force_login(manager)
    team_page_queries(client)  # warm-up: site root paths, content types
    small = team_page_queries(client)
    grow(org, units=8, agents_per_unit=6, paths=3)
    other = OrgUnitFactory(name="Ministère N", code="min-n", kind=OrgUnit.Kind.MINISTRY)
    UserFactory(email="n1@campus.example", org_unit=other)
    manager.managed_units.add(other)
    assert team_page_queries(client) == small


def test_queries_team_organisation_figures_cover_every_root():
    """The organisation manager's figures count the active agents of every root: all those
    attached to a unit."""
    org = build_org()
    other = OrgUnitFactory(name="Ministère N", code="min-n", kind=OrgUnit.Kind.MINISTRY)
    UserFactory(email="n1@campus.example", org_unit=other)
    manager = organisation_manager(org)
    _form, query = resolve(manager, {})
    attached = User.objects.filter(is_active=True, org_unit__isnull=False).count()
    assert key_figures(query).agents == attached
    assert {row.title for row in path_table(query)} == {"Parcours P1", "Parcours P2"}
