"""Journey: a visitor opens the home page, signs in as the demo agent, and browses the site pages.

axe (WCAG 2.1 A/AA and RGAA rules) reports zero violations on every page visited.
"""

import re

import pytest
from playwright.sync_api import expect

from learners.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_e2e_home_login_and_site_pages(page, live_server, axe, login):
    """Home → login → signed-in home → footer pages, accessible at every step."""
    UserFactory(email="agent@campus.example", first_name="Camille", last_name="Martin")

    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("Campus du numérique public"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Se connecter").first.click()
    expect(page).to_have_url(re.compile("/comptes/login/"))
    axe(page)

    login(page, "agent@campus.example", DEMO_PASSWORD)
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("link", name="Camille Martin")).to_be_visible()
    axe(page)

    for link in [
        "Accessibilité : partiellement conforme",
        "Mentions légales",
        "Données personnelles",
        "Plan du site",
    ]:
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
