"""Journey: an agent opens "Mes données" from Mon espace, downloads everything the campus holds
about them (JSON and zip of CSVs), asks for the erasure of their account; an administrator
confirms it in the Wagtail admin; the agent can no longer sign in.

axe (WCAG 2.1 A/AA and RGAA rules) reports zero violations on every campus page visited.
"""

import json
import zipfile

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from learners.accounts.models import User
from learners.accounts.permissions import ADMINISTRATORS_GROUP
from learners.factories import DEMO_PASSWORD, UserFactory
from learners.learning import services
from learners.privacy.models import ErasureRequest
from tests.learners.builders import learning_path

pytestmark = pytest.mark.e2e


def test_e2e_personal_data_download_and_erasure(page, browser, live_server, axe, login, tmp_path):
    """Mon espace → Mes données → JSON and zip downloads → erasure asked → confirmed by an
    administrator → the agent's sign-in is refused."""
    agent = UserFactory(email="donnees@campus.example", first_name="Dominique", last_name="Roy")
    path = learning_path(title="Protéger les données personnelles", lessons=2, quiz=False)
    services.enrol(user=agent, path=path)
    base = live_server.url

    login(page, agent.email, DEMO_PASSWORD)
    page.goto(base + "/mon-espace/")
    axe(page)
    page.get_by_role("link", name="Mes données").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes données")
    axe(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger (JSON)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert "donnees@campus.example" in json.dumps(data)
    assert "Protéger les données personnelles" in json.dumps(data, ensure_ascii=False)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger (CSV, archive zip)").click()
    archive = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(archive)
    with zipfile.ZipFile(archive) as files:
        names = files.namelist()
        assert any(name.startswith("enrol") or "inscription" in name for name in names), names

    # The box must be ticked: the browser refuses the form until it is.
    page.get_by_role("button", name="Demander l’effacement de mon compte").click()
    assert not ErasureRequest.objects.filter(user=agent).exists()
    page.get_by_text("Je demande l’effacement de mon compte").click()
    page.get_by_role("button", name="Demander l’effacement de mon compte").click()
    expect(page.get_by_text("Votre demande d’effacement est enregistrée")).to_be_visible()
    expect(page.get_by_text("attend la confirmation d’un administrateur")).to_be_visible()
    axe(page)
    assert ErasureRequest.objects.pending().filter(user=agent).count() == 1

    administrator = UserFactory(
        email="admin-donnees@campus.example",
        is_staff=True,
        groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)],
    )
    admin_context = browser.new_context(locale="fr-FR")
    admin_page = admin_context.new_page()
    login(admin_page, administrator.email, DEMO_PASSWORD)
    admin_page.goto(base + "/cms/effacements/")
    pending = admin_page.locator("table").first
    expect(pending).to_contain_text("donnees@campus.example")
    pending.get_by_role("button", name="Confirmer l’effacement").click()
    expect(admin_page.get_by_text("Le compte a été effacé (anonymisé).")).to_be_visible()
    admin_context.close()

    erased = User.objects.get(pk=agent.pk)
    assert erased.email != "donnees@campus.example"
    assert not erased.is_active
    # The agent's own session, still open in the first browser, no longer reaches Mon espace.
    page.goto(base + "/mon-espace/")
    expect(page).to_have_url(f"{base}/comptes/login/?next=/mon-espace/")

    fresh = browser.new_context(locale="fr-FR").new_page()
    fresh.goto(f"{base}/comptes/login/")
    fresh.get_by_label("Adresse électronique").fill("donnees@campus.example")
    fresh.get_by_label("Mot de passe", exact=True).fill(DEMO_PASSWORD)
    fresh.get_by_role("button", name="Se connecter", exact=True).click()
    expect(fresh).to_have_url(f"{base}/comptes/login/")
    expect(fresh.locator(".fr-alert--error, .fr-error-text, [role=alert]").first).to_be_visible()
    axe(fresh)
