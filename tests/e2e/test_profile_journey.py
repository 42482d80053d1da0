"""Journey: an agent signs up with their names, confirms their address, finds them in Mon
compte › Mon profil and corrects them.

axe (WCAG 2.1 A/AA and RGAA rules) reports zero violations on every page visited, the form
re-displayed with an error included; Mon profil reflows at 320 px (no horizontal scroll).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from learners.accounts.models import User
from learners.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.e2e

EMAIL = "alix.petit@numerique.gouv.fr"
PASSWORD = "Une-phrase-de-passe-solide-2026"


def has_no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_e2e_profile_sign_up_with_names_then_correct_them(page, live_server, axe):
    """Sign-up with names → confirmation e-mail → Mon profil shows them → corrected."""
    base = live_server.url
    mail.outbox.clear()
    page.goto(base + "/comptes/signup/")
    axe(page)
    page.get_by_label("Prénom").fill("Alix")
    page.get_by_label("Nom", exact=True).fill("Petti")
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Création de compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Vérifiez votre adresse"))
    axe(page)
    user = User.objects.get(email=EMAIL)
    assert (user.first_name, user.last_name) == ("Alix", "Petti")

    # The confirmation link of the e-mail signs the agent in (same browser as the sign-up).
    link = re.search(r"/comptes/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(base + link)
    axe(page)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(lambda url: "/confirm-email/" not in url)
    axe(page)

    page.goto(base + "/comptes/email/")
    axe(page)
    menu = page.get_by_role("navigation", name="Mon compte")
    menu.get_by_role("link", name="Mon profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil")
    expect(menu.get_by_role("link", name="Mon profil")).to_have_attribute("aria-current", "page")
    expect(page.get_by_label("Prénom")).to_have_value("Alix")
    expect(page.get_by_label("Nom", exact=True)).to_have_value("Petti")
    axe(page)

    page.get_by_label("Nom", exact=True).fill("   ")
    page.get_by_role("button", name="Enregistrer").click()
    last_name = page.get_by_label("Nom", exact=True)
    expect(last_name).to_have_attribute("aria-invalid", "true")
    expect(last_name).to_have_accessible_description(re.compile("Saisissez votre nom."))
    axe(page)

    last_name.fill("Petit")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Votre profil est enregistré.")).to_be_visible()
    expect(page.get_by_label("Nom", exact=True)).to_have_value("Petit")
    user.refresh_from_db()
    assert user.last_name == "Petit"
    axe(page)

    page.set_viewport_size({"width": 320, "height": 720})
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil")
    assert has_no_horizontal_scroll(page)
    axe(page)


def test_e2e_profile_proconnect_names_read_only(page, live_server, axe, login):
    """An agent whose names come from ProConnect reads them and where they come from."""
    UserFactory(
        email="proconnect@campus.example",
        first_name="Dominique",
        last_name="Bernard",
        proconnect_uid="sub-e2e",
    )
    login(page, "proconnect@campus.example", DEMO_PASSWORD)
    page.goto(live_server.url + "/comptes/profil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil")
    expect(
        page.get_by_role("heading", name="Vos prénom et nom viennent de ProConnect")
    ).to_be_visible()
    expect(page.get_by_text("Bernard", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer")).to_have_count(0)
    axe(page)
    page.set_viewport_size({"width": 320, "height": 720})
    page.reload()
    assert has_no_horizontal_scroll(page)
    axe(page)
