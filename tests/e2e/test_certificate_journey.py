"""Journey: an agent completes a short path, finds the certificate in Mon espace and downloads
the PDF; an anonymous visitor types its code on the verification page and sees "valide", then
"révoqué" after an administrator revoked it.

axe (WCAG 2.1 A/AA and RGAA rules) reports zero violations on every page visited.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from learners.accounts.permissions import ADMINISTRATORS_GROUP
from learners.certification import services
from learners.certification.models import Certificate
from learners.factories import DEMO_PASSWORD, UserFactory
from tests.learners.builders import learning_path

pytestmark = pytest.mark.e2e


def test_e2e_certificate_journey(page, browser, live_server, axe, login, tmp_path):
    """Complete → Mon espace → PDF download → anonymous verification: valide, then révoqué."""
    UserFactory(email="agent@campus.example", first_name="Camille", last_name="Martin")
    path = learning_path(title="Découvrir l’accessibilité numérique", lessons=1, quiz=False)
    base = live_server.url

    login(page, "agent@campus.example", DEMO_PASSWORD)
    page.goto(base + path.url)
    page.get_by_role("button", name="S’inscrire").click()
    page.get_by_role("link", name="Commencer").click()
    axe(page)
    page.get_by_role("button", name="J’ai terminé cette leçon").click()
    expect(page.get_by_text("Félicitations")).to_be_visible()
    axe(page)
    # The certificate is made once the completion is recorded; the message leads to it.
    message = page.locator(".fr-alert", has_text="Félicitations")
    expect(message).to_contain_text("Votre certificat est prêt")
    message.get_by_role("link", name="voir mon certificat").click()
    expect(page).to_have_url(f"{base}/mon-espace/#certificats")
    page.goto(base + path.url)
    expect(page.get_by_role("link", name="Revoir le parcours")).to_be_visible()
    axe(page)

    page.goto(base + "/mon-espace/")
    certificates = page.locator("main")
    expect(certificates.get_by_role("heading", name="Mes certificats")).to_be_visible()
    expect(
        certificates.get_by_role("heading", name="Découvrir l’accessibilité numérique", level=3)
    ).to_be_visible()
    certificate = Certificate.objects.get()
    expect(certificates.get_by_text(certificate.display_code)).to_be_visible()
    axe(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Certificat PDF")).click()
    download = download_info.value
    assert download.suggested_filename == f"certificat-{certificate.display_code}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    visitor_context = browser.new_context(locale="fr-FR")
    visitor = visitor_context.new_page()
    visitor.goto(base + "/certificats/verifier/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Vérifier un certificat")
    axe(visitor)
    visitor.get_by_label("Code du certificat").fill(certificate.display_code.lower())
    visitor.get_by_role("button", name="Vérifier").click()
    expect(visitor).to_have_url(f"{base}/certificats/verifier/{certificate.public_id}/")
    expect(visitor.get_by_role("heading", name="Certificat valide")).to_be_visible()
    expect(visitor.get_by_text("Camille Martin")).to_be_visible()
    axe(visitor)

    administrator = UserFactory(
        email="admin-e2e@campus.example", groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)]
    )
    services.revoke_certificate(
        certificate=certificate, reason="Délivré par erreur", revoked_by=administrator
    )
    visitor.reload()
    expect(
        visitor.get_by_role(
            "heading", name=re.compile(r"^Certificat révoqué le .* \(motif : Délivré par erreur\)$")
        )
    ).to_be_visible()
    axe(visitor)

    visitor.goto(base + "/certificats/verifier/?code=ZZZZZ-ZZZZZ")
    expect(visitor.get_by_text("Aucun certificat ne correspond au code")).to_be_visible()
    axe(visitor)
    visitor_context.close()
