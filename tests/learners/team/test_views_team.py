"""The manager pages as rendered: key figures, tables, charts and their alternatives, filters,
drill-down, agent record, campaigns, and the agent's side in Mon espace."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learners.factories import UserFactory
from learners.learning.models import Enrolment
from learners.team.models import Assignment, Campaign
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(module_db):
    return build_org()


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_rows(page, table_id):
    table = page.find(id=table_id)
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find("tbody").find_all("tr")
    ]


def test_views_team_page_shows_key_figures_and_tables(client, org):
    """Mon équipe: key figures, path × status table, unit breakdown, agents table."""
    client.force_login(org.manager)
    page = soup(client.get(reverse("team")))
    figures = [tile.get_text(strip=True) for tile in page.select("#chiffres-cles .fr-h3")]
    assert figures == ["3", "3", "1", "33 %", "2", "1,3 h"]
    assert table_rows(page, "tableau-parcours") == [
        ["Parcours P1", "1", "1", "1", "2", "33 %", "0"],
        ["Parcours P2", "0", "1", "0", "0", "0 %", "1"],
    ]
    assert table_rows(page, "tableau-unites") == [["Bureau A", "3", "3", "3", "1", "2", "33 %"]]
    agents = table_rows(page, "tableau-agents")
    assert [row[:5] for row in agents] == [
        ["Alpha Alice", "Bureau A", "1", "1", "0"],
        ["Bravo Bruno", "Bureau A", "1", "0", "1"],
        ["Charlie Chloé", "Section A1", "1", "0", "1"],
    ]
    assert "Delta" not in page.get_text()  # bureau B's agent
    for caption in page.find_all("caption"):
        assert caption.get_text(strip=True)


def test_views_team_page_charts_have_text_alternatives(client, org):
    """Each chart is an image named by its title and description, with a summary and its data
    table on the page."""
    client.force_login(org.manager)
    page = soup(client.get(reverse("team")))
    charts = page.find_all("svg")
    charts = [svg for svg in charts if "campus-chart" in (svg.get("class") or [])]
    assert len(charts) == 2
    for svg in charts:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text()
        assert svg.find("desc", id=desc_id).get_text()
    assert "taux de complétion global 25 %" in page.find(id="resume-completion").get_text()
    assert page.find("a", href="#tableau-parcours")
    months = table_rows(page, "tableau-mois")
    assert len(months) == 12 and sum(int(row[1]) for row in months) == 1


def test_views_team_page_filters_by_unit_and_keeps_filters_in_links(client, org):
    """Filtering by the section narrows everything; export links carry the filters."""
    client.force_login(org.manager)
    url = reverse("team") + f"?unite={org.section_a1.pk}&periode=30j&tri=-retard"
    page = soup(client.get(url))
    assert [row[0] for row in table_rows(page, "tableau-agents")] == ["Charlie Chloé"]
    export = page.find("a", string=lambda text: text and "tableau des agents (XLSX)" in text)
    assert f"unite={org.section_a1.pk}" in export["href"]
    assert "periode=30j" in export["href"] and "tri=-retard" in export["href"]
    assert page.find("select", {"name": "unite"}).find("option", selected=True)["value"] == str(
        org.section_a1.pk
    )


def test_views_team_unit_page_drills_down(client, org):
    """A unit page lists its sub-units and its own agents, with a breadcrumb inside the scope."""
    client.force_login(org.manager)
    page = soup(client.get(reverse("team_unit", args=[org.unit_a.pk])))
    assert page.find("h1").get_text(strip=True) == "Bureau A"
    rows = table_rows(page, "tableau-unites")
    assert rows[0][0] == "Section A1"
    assert rows[1][0] == "Agents rattachés directement à « Bureau A »"
    crumbs = [a.get_text(strip=True) for a in page.select(".fr-breadcrumb__link")]
    assert crumbs == ["Accueil", "Mon équipe", "Bureau A"]
    section = soup(client.get(reverse("team_unit", args=[org.section_a1.pk])))
    crumbs = [a.get_text(strip=True) for a in section.select(".fr-breadcrumb__link")]
    assert crumbs == ["Accueil", "Mon équipe", "Bureau A", "Section A1"]
    assert "Direction D" not in crumbs


def test_views_team_agents_table_sorts_and_paginates(client, org, settings):
    """Sort links toggle the order (aria-sort says which); pages keep the filters."""
    from learners.team.views import reports as team_views

    client.force_login(org.manager)
    page = soup(client.get(reverse("team") + "?tri=-nom"))
    assert [row[0] for row in table_rows(page, "tableau-agents")][0] == "Charlie Chloé"
    header = page.find("th", attrs={"aria-sort": "descending"})
    assert header.get_text(strip=True) == "Nom"
    original = team_views.AGENTS_PER_PAGE
    team_views.AGENTS_PER_PAGE = 2
    try:
        page = soup(client.get(reverse("team") + "?tri=-nom&page=2"))
    finally:
        team_views.AGENTS_PER_PAGE = original
    assert [row[0] for row in table_rows(page, "tableau-agents")] == ["Alpha Alice"]
    assert page.find("nav", class_="fr-pagination").find("a", href=lambda h: h and "tri=-nom" in h)


def test_views_team_agent_record_shows_training_not_answers(client, org):
    """The agent record shows statuses, progress, dates and due dates — no quiz answers."""
    client.force_login(org.manager)
    page = soup(client.get(reverse("team_agent", args=[org.a3.pk])))
    rows = table_rows(page, "tableau-dossier")
    p1 = next(row for row in rows if row[0].startswith("Parcours P1"))
    assert p1[1:3] == ["En cours", "50 %"]
    assert org.campaign_a.due_date.strftime("%d/%m/%Y") in p1[7] and "En retard" in p1[7]
    p2 = next(row for row in rows if row[0].startswith("Parcours P2"))
    assert p2[1] == "Abandonné"
    text = page.get_text()
    assert "score" not in text.lower() and "réponse" not in text.lower().replace(
        "les réponses et les notes des quiz restent personnelles", ""
    )


def test_views_team_agent_record_shows_certificate_dates(client, org):
    """Certificate dates come from the certificates part."""
    from learners.certification.models import Certificate

    issued = timezone.now() - datetime.timedelta(days=10)
    Certificate.objects.create(
        user=org.a1,
        path=org.p1,
        enrolment=Enrolment.objects.get(user=org.a1, path=org.p1),
        enrolment_completed_at=issued,
        holder_name="Alice Alpha",
        path_title="Parcours P1",
        issued_at=issued,
        expires_at=issued + datetime.timedelta(days=365),
    )
    client.force_login(org.manager)
    page = soup(client.get(reverse("team_agent", args=[org.a1.pk])))
    p1 = next(
        row for row in table_rows(page, "tableau-dossier") if row[0].startswith("Parcours P1")
    )
    assert f"Délivrée le {timezone.localtime(issued):%d/%m/%Y}" in p1[5]
    assert "valable jusqu’au" in p1[5]


def test_views_team_campaign_creation_assigns_a_unit(
    client, org, django_capture_on_commit_callbacks
):
    """Assigning P2 to bureau A with its section: three agents, e-mailed, redirected to the
    campaign page."""
    client.force_login(org.manager)
    due = timezone.localdate() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("team_campaign_new"),
            {
                "path": org.p2.pk,
                "due_date": due.isoformat(),
                "unit": org.unit_a.pk,
                "include_subunits": "on",
                "message": "Merci de suivre ce parcours avant l’été.",
            },
        )
    campaign = Campaign.objects.get(path=org.p2, unit=org.unit_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("team_campaign", args=[campaign.pk])
    assert set(campaign.assignments.values_list("user__email", flat=True)) == {
        "a1@campus.example",
        "a2@campus.example",
        "a3@campus.example",
    }
    notices = [m for m in mail.outbox if m.subject.startswith("Formation obligatoire")]
    assert sorted(message.to[0] for message in notices) == [
        "a1@campus.example",
        "a2@campus.example",
        "a3@campus.example",
    ]
    assert "Merci de suivre ce parcours avant l’été." in notices[0].body
    assert due.strftime("%d/%m/%Y") in notices[0].subject
    page = soup(client.get(response["Location"]))
    assert "3 agents" in page.get_text() or "3" in page.find(id="avancement").get_text()


def test_views_team_campaign_form_errors(client, org):
    """A past due date, a unit outside the scope or an unknown e-mail are refused in French."""
    client.force_login(org.manager)
    response = client.post(
        reverse("team_campaign_new"),
        {
            "path": org.p2.pk,
            "due_date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "unit": org.unit_b.pk,
            "emails": "b1@campus.example",
        },
    )
    text = soup(response).get_text()
    assert "L’échéance ne peut pas être dans le passé." in text
    assert "Sélectionnez un choix valide" in text
    assert "b1@campus.example" in text
    assert not Campaign.objects.filter(path=org.p2, created_by=org.manager).exists()


def test_views_team_campaign_page_adds_agents_who_joined_later(client, org):
    """An agent joining bureau A after the campaign is listed as not assigned, then added."""
    newcomer = UserFactory(email="nouveau@campus.example", last_name="Zoulou", org_unit=org.unit_a)
    client.force_login(org.manager)
    url = reverse("team_campaign", args=[org.campaign_a.pk])
    page = soup(client.get(url))
    assert [row[0] for row in table_rows(page, "tableau-retards")] == [
        "Bravo Bruno",
        "Charlie Chloé",
    ]
    checkbox = page.find("input", {"name": "agents", "value": str(newcomer.pk)})
    assert checkbox is not None and checkbox.has_attr("checked")
    response = client.post(url, {"agents": [newcomer.pk]})
    assert response.status_code == 302
    assignment = Assignment.objects.get(campaign=org.campaign_a, user=newcomer)
    assert assignment.enrolment.origin == Enrolment.Origin.ASSIGNED
    assert not soup(client.get(url)).find("input", {"name": "agents"})


def test_views_team_dashboard_shows_assignments(client, org):
    """Mon espace lists the agent's mandatory training with its due date and lateness."""
    client.force_login(org.a2)
    page = soup(client.get(reverse("dashboard")))
    section = page.find(id="formations-obligatoires")
    assert section is not None
    card = section.find_next("ul")
    text = card.get_text(" ", strip=True)
    assert "Parcours P1" in text and "En retard" in text
    assert org.campaign_a.due_date.strftime("%Y") in text


def test_views_team_dashboard_hides_completed_assignments(client, org):
    """A completed assignment leaves Mon espace's list."""
    client.force_login(org.a1)
    page = soup(client.get(reverse("dashboard")))
    assert page.find(id="formations-obligatoires") is None


def test_views_team_campaign_list(client, org):
    """The manager sees their campaign with its figures, not bureau B's."""
    client.force_login(org.manager)
    rows = table_rows(soup(client.get(reverse("team_campaigns"))), "tableau-campagnes")
    assert [row[0] for row in rows] == ["Campagne Bureau A"]
    assert rows[0][4:] == ["3", "1", "2"]
