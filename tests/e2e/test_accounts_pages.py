"""Journeys through the account pages (allauth in the DSFR look).

axe (WCAG 2.1 A/AA and RGAA rules) reports zero violations on every page, including a form
re-displayed with errors.
"""

import re

import pytest
from playwright.sync_api import expect

from learners.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_e2e_accounts_entrance_pages(page, live_server, axe):
    """Login, sign-up (with a refused address) and password reset pages, accessible."""
    page.goto(f"{live_server.url}/comptes/login/")
    expect(page.get_by_role("heading", level=1, name="Se connecter")).to_be_visible()
    expect(page.get_by_label("Adresse électronique")).to_be_visible()
    expect(page.get_by_label("Mot de passe", exact=True)).to_be_visible()
    axe(page)

    page.goto(f"{live_server.url}/comptes/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Création de compte")
    axe(page)
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Nom", exact=True).fill("Agent")
    page.get_by_label("Adresse électronique").fill("camille@gmail.com")
    page.get_by_label("Mot de passe", exact=True).fill("Une-phrase-de-passe-solide-2026")
    page.get_by_label("Mot de passe (confirmation)").fill("Une-phrase-de-passe-solide-2026")
    page.get_by_role("button", name="Création de compte").click()
    email = page.get_by_label("Adresse électronique")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("réservée aux agents publics"))
    axe(page)

    page.goto(f"{live_server.url}/comptes/password/reset/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Réinitialisation du mot de passe")
    axe(page)


def test_e2e_accounts_management_pages(page, live_server, axe, login):
    """A signed-in agent's e-mail, password and two-factor pages, reached from the side menu."""
    UserFactory(email="agent@campus.example")
    login(page, "agent@campus.example", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/comptes/email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Adresses e-mail")
    axe(page)

    menu = page.get_by_role("navigation", name="Mon compte")
    menu.get_by_role("link", name="Mot de passe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier le mot de passe")
    expect(page.get_by_label("Mot de passe actuel")).to_be_visible()
    axe(page)

    menu.get_by_role("link", name="Authentification à deux facteurs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Authentification à deux facteurs")
    expect(menu.get_by_role("link", name="Authentification à deux facteurs")).to_have_attribute(
        "aria-current", "page"
    )
    axe(page)

    # Signed in with the password: the ProConnect page offers to link the account (the link
    # itself goes to ProConnect, tested against the fake provider in tests/learners/accounts).
    menu.get_by_role("link", name="ProConnect").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ProConnect")
    expect(menu.get_by_role("link", name="ProConnect")).to_have_attribute("aria-current", "page")
    axe(page)
