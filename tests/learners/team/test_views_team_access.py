"""Who reaches the manager pages: managers and administrators only (403 for agents and
trainers, login for anonymous visitors), and only within their scope (404 for any id outside it,
on pages, drill-downs, campaigns and exports alike)."""

import pytest
from django.urls import reverse

from learners.team.models import TeamExport
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx", "ods"]
TABLES = ["agents", "parcours"]


@pytest.fixture(scope="module")
def org(module_db):
    org = build_org()
    org.export_b = TeamExport.objects.create(
        requested_by=org.manager_b, table="agents", format="csv", status=TeamExport.Status.READY
    )
    return org


def export_url(table, fmt, **params):
    url = reverse("team_export", args=[table, fmt])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def own_urls(org) -> list[str]:
    """Every manager URL, with ids inside the manager of A's scope."""
    return [
        reverse("team"),
        reverse("team") + f"?unite={org.section_a1.pk}",
        reverse("team_unit", args=[org.unit_a.pk]),
        reverse("team_unit", args=[org.section_a1.pk]),
        reverse("team_agent", args=[org.a3.pk]),
        reverse("team_campaigns"),
        reverse("team_campaign_new"),
        reverse("team_campaign", args=[org.campaign_a.pk]),
        *[export_url(table, fmt) for table in TABLES for fmt in FORMATS],
        *[export_url(table, fmt, unite=org.unit_a.pk) for table in TABLES for fmt in FORMATS],
    ]


def swapped_urls(org) -> list[str]:
    """The same URLs with an id of bureau B, of the parent direction or of another manager."""
    return [
        reverse("team") + f"?unite={org.unit_b.pk}",
        reverse("team") + f"?unite={org.direction.pk}",
        reverse("team") + "?parcours=999999",
        reverse("team_unit", args=[org.unit_b.pk]),
        reverse("team_unit", args=[org.direction.pk]),
        reverse("team_unit", args=[org.ministry.pk]),
        reverse("team_unit", args=[org.unit_a.pk]) + f"?unite={org.unit_b.pk}",
        reverse("team_unit", args=[999999]),
        reverse("team_agent", args=[org.b1.pk]),
        reverse("team_agent", args=[org.d1.pk]),
        reverse("team_agent", args=[org.manager_b.pk]),
        reverse("team_agent", args=[999999]),
        reverse("team_campaign", args=[org.campaign_b.pk]),
        reverse("team_export_status", args=[org.export_b.pk]),
        reverse("team_export_download", args=[org.export_b.pk]),
        *[export_url(table, fmt, unite=org.unit_b.pk) for table in TABLES for fmt in FORMATS],
        *[export_url(table, fmt, unite=org.direction.pk) for table in TABLES for fmt in FORMATS],
    ]


def test_views_team_access_manager_reaches_own_pages(client, org):
    """The manager of A opens every page and export of their scope."""
    client.force_login(org.manager)
    for url in own_urls(org):
        response = client.get(url)
        assert response.status_code == 200, url


def test_views_team_access_swapped_ids_answer_404(client, org):
    """Ids of bureau B, of the parent direction or of another manager's export: 404."""
    client.force_login(org.manager)
    for url in swapped_urls(org):
        response = client.get(url)
        assert response.status_code == 404, url


def test_views_team_access_swapped_campaign_post_answers_404(client, org):
    """Adding agents to another unit's campaign: 404, nothing added."""
    client.force_login(org.manager)
    url = reverse("team_campaign", args=[org.campaign_b.pk])
    response = client.post(url, {"agents": [org.a1.pk]})
    assert response.status_code == 404
    assert not org.campaign_b.assignments.filter(user=org.a1).exists()


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_views_team_access_agents_and_trainers_get_403(client, org, who):
    """Agents and trainers are refused every manager page (and the import), with a reason."""
    client.force_login(getattr(org, who))
    for url in [*own_urls(org), reverse("team_import")]:
        response = client.get(url)
        assert response.status_code == 403, url
    assert "réservées aux responsables" in response.content.decode()


def test_views_team_access_anonymous_is_sent_to_login(client, org):
    """Anonymous visitors are sent to the login page, then back."""
    for url in [*own_urls(org), reverse("team_import")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_views_team_access_import_is_for_administrators(client, org):
    """Managers cannot import the organisation; administrators can."""
    client.force_login(org.manager)
    assert client.get(reverse("team_import")).status_code == 403
    client.force_login(org.admin)
    assert client.get(reverse("team_import")).status_code == 200


def test_views_team_access_administrator_sees_every_unit(client, org):
    """The administrator opens any unit, agent and campaign."""
    client.force_login(org.admin)
    for url in [
        reverse("team_unit", args=[org.ministry.pk]),
        reverse("team_unit", args=[org.unit_b.pk]),
        reverse("team_agent", args=[org.b1.pk]),
        reverse("team_campaign", args=[org.campaign_b.pk]),
        export_url("agents", "csv", unite=org.unit_b.pk),
    ]:
        assert client.get(url).status_code == 200, url


def test_views_team_access_navigation_entry(client, org):
    """ "Mon équipe" is in the header for managers, not for agents."""
    client.force_login(org.manager)
    assert 'href="/equipe/"' in client.get(reverse("team")).content.decode()
    client.force_login(org.agent)
    assert 'href="/equipe/"' not in client.get("/mon-espace/").content.decode()
