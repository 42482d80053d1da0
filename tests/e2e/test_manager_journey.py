"""Journey: a manager opens Mon équipe, filters by a unit, drills down to an agent, assigns a
path to a unit with a due date, and downloads the agents table as XLSX; an administrator
checks an HR file. axe reports zero violations on every manager page, and the charts carry
their text alternatives."""

import datetime
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from learners.factories import DEMO_PASSWORD, UserFactory
from learners.team.models import Campaign
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.e2e


@pytest.fixture
def org(transactional_db):
    org = build_org()
    org.demo_manager = UserFactory(
        email="manager@campus.example",
        first_name="Dominique",
        last_name="Bernard",
        org_unit=org.direction,
    )
    org.demo_manager.managed_units.add(org.unit_a)
    return org


def check_charts(page) -> None:
    """Both charts are named images with a description, a summary and their data nearby."""
    charts = page.locator("svg.campus-chart")
    expect(charts).to_have_count(2)
    for index in range(2):
        chart = charts.nth(index)
        expect(chart).to_have_attribute("role", "img")
        labelled_by = chart.get_attribute("aria-labelledby").split()
        assert page.locator(f"#{labelled_by[0]}").text_content()
        assert page.locator(f"#{labelled_by[1]}").text_content()
    expect(page.locator("#resume-completion")).to_contain_text("taux de complétion global")
    expect(page.locator("#tableau-mois caption")).to_contain_text("Données du graphique")
    expect(
        page.get_by_role("link", name=re.compile("Données du graphique : tableau des parcours"))
    ).to_be_visible()


def test_e2e_manager_journey(page, live_server, axe, login, org, tmp_path, settings):
    """Mon équipe → filter → unit → agent → campaign → XLSX, accessible at every step."""
    login(page, "manager@campus.example", DEMO_PASSWORD)
    page.get_by_role("link", name="Mon équipe").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon équipe")
    expect(page.locator("#chiffres-cles")).to_contain_text("33 %")
    check_charts(page)
    axe(page)

    # Filter by the section: the filters are folded under the key figures.
    expect(page.locator("#id_unite")).to_be_hidden()
    page.get_by_role("button", name="Filtrer la page").click()
    page.locator("#id_unite").select_option(str(org.section_a1.pk))
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(rf"unite={org.section_a1.pk}"))
    expect(page.get_by_role("button", name="Filtrer la page — 1 filtre actif")).to_be_visible()
    agents = page.locator("#tableau-agents tbody tr")
    expect(agents).to_have_count(1)
    expect(agents.first).to_contain_text("Charlie Chloé")
    axe(page)

    # Drill down: bureau A, then an agent.
    page.get_by_role("button", name="Filtrer la page — 1 filtre actif").click()
    page.get_by_role("link", name="Réinitialiser").click()
    page.locator("#tableau-unites").get_by_role("link", name="Bureau A").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bureau A")
    expect(page.locator("#tableau-unites")).to_contain_text("Section A1")
    check_charts(page)
    axe(page)
    page.locator("#tableau-agents").get_by_role("link", name="Charlie Chloé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chloé Charlie")
    expect(page.locator("#tableau-dossier")).to_contain_text("En retard")
    axe(page)

    # Assign P2 to bureau A (with its section), due in 30 days.
    page.get_by_role("link", name="Formations obligatoires").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formations obligatoires")
    axe(page)
    page.get_by_role("link", name="Assigner une formation").first.click()
    axe(page)
    due = datetime.date.today() + datetime.timedelta(days=30)
    page.locator("#id_path").select_option(str(org.p2.pk))
    page.locator("#id_due_date").fill(due.isoformat())
    page.locator("#id_unit").select_option(str(org.unit_a.pk))
    page.locator("#id_message").fill("Merci de suivre ce parcours d’ici la fin du mois.")
    page.get_by_role("button", name="Assigner la formation").click()
    expect(page.locator(".fr-alert--success, .fr-notice, [role=alert]").first).to_contain_text(
        "assigné à 3 agents"
    )
    campaign = Campaign.objects.get(path=org.p2, unit=org.unit_a)
    assert campaign.due_date == due
    expect(page.get_by_role("heading", level=1)).to_have_text(campaign.title)
    expect(page.locator("#avancement")).to_contain_text("3")
    axe(page)
    # The campaign page of the earlier campaign lists its late agents.
    page.goto(f"{live_server.url}/equipe/campagnes/{org.campaign_a.pk}/")
    expect(page.locator("#tableau-retards")).to_contain_text("Bravo Bruno")
    axe(page)

    # Download the agents table as XLSX and read it.
    page.goto(f"{live_server.url}/equipe/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le tableau des agents (XLSX)").click()
    target = tmp_path / "agents.xlsx"
    download_info.value.save_as(target)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nom", "Prénom", "Adresse électronique")
    alpha = next(row for row in rows if row[2] == "a1@campus.example")
    assert alpha[:5] == ("Alpha", "Alice", "a1@campus.example", "Bureau A", "bureau-a")

    # A large export is prepared in the background, then offered for download.
    settings.TEAM_EXPORT_SYNC_MAX_ROWS = 1
    page.get_by_role("link", name="Télécharger le tableau des agents (ODS)").click()
    expect(page.get_by_role("heading", name="Votre export est prêt")).to_be_visible()
    axe(page)


def test_e2e_administrator_checks_an_hr_file(page, live_server, axe, login, org, tmp_path):
    """The import page: upload, line errors or the changes to confirm, accessible."""
    login(page, org.admin.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/equipe/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer l’organisation")
    axe(page)
    hr_file = tmp_path / "rh.csv"
    hr_file.write_text(
        "unite;libelle_unite;email;prenom;nom;responsable\n"
        "min-m/dir-d/bureau-a;;nouvel.agent@campus.example;Nina;Nouvelle;non\n"
        "min-m/dir-d/bureau-a;;pas-une-adresse;;Sans prénom;peut-être\n",
        encoding="utf-8",
    )
    page.locator("#id_file").set_input_files(str(hr_file))
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(
        page.get_by_role("heading", name=re.compile("1 erreur : rien n’a été modifié"))
    ).to_be_visible()
    axe(page)
    hr_file.write_text(
        "unite;libelle_unite;email;prenom;nom;responsable\n"
        "min-m/dir-d/bureau-a;;nouvel.agent@campus.example;Nina;Nouvelle;non\n",
        encoding="utf-8",
    )
    page.locator("#id_file").set_input_files(str(hr_file))
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(
        page.get_by_role("heading", name="Vérification : voici ce qui changerait")
    ).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Appliquer ces modifications").click()
    expect(page.get_by_role("heading", name="Import appliqué")).to_be_visible()
    axe(page)
