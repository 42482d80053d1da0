"""Mon équipe on a phone: the key figures come first, the filters are folded behind a button
that says how many are active, and "Assigner une formation" stays outside the fold."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(module_db):
    return build_org()


def test_views_team_figures_come_before_folded_filters(client, org):
    client.force_login(org.manager)
    page = BeautifulSoup(client.get(reverse("team")).content, "html.parser")
    main = page.find("main")
    headings = [h.get_text(" ", strip=True) for h in main.find_all("h2")]
    assert headings.index("Chiffres clés") < headings.index("Filtrer la page")
    toggle = main.find("button", class_="fr-accordion__btn")
    assert toggle.get_text(" ", strip=True) == "Filtrer la page"
    assert toggle["aria-expanded"] == "false"
    folded = main.find(id=toggle["aria-controls"])
    assert "fr-collapse" in folded["class"] and folded.find("select", attrs={"name": "periode"})
    assign = main.find("a", string="Assigner une formation")
    assert assign is not None and folded not in assign.parents


def test_views_team_fold_counts_active_filters(client, org):
    client.force_login(org.manager)
    response = client.get(reverse("team"), {"periode": "30j", "statut": "termine"})
    page = BeautifulSoup(response.content, "html.parser")
    toggle = page.find("main").find("button", class_="fr-accordion__btn")
    assert toggle.get_text(" ", strip=True) == "Filtrer la page — 2 filtres actifs"
