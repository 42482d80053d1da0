"""Public verification of certificates: by code or QR page; valid, expired, revoked, unknown.

No login is needed. The pages show the holder's name, the path and the dates, nothing more.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone

from learners.certification import services
from learners.certification.models import Certificate
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(django_capture_on_commit_callbacks) -> Certificate:
    return certified(
        agent(), learning_path(title="Data : les fondamentaux"), django_capture_on_commit_callbacks
    )


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").main.get_text(" ").split())


def test_views_certificate_verification_form_without_login(client):
    """Anyone reaches the form."""
    response = client.get("/certificats/verifier/")
    assert response.status_code == 200
    assert "Code du certificat" in page_text(response)


def test_views_certificate_verification_code_leads_to_the_page(client, certificate):
    """A code typed loosely (lower case, spaces) leads to the certificate's page."""
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get("/certificats/verifier/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/certificats/verifier/{certificate.public_id}/"


def test_views_certificate_verification_valid(client, certificate):
    """A valid certificate says "valide", with holder, path and dates."""
    response = client.get(f"/certificats/verifier/{certificate.public_id}/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Certificat valide" in text
    assert "Camille Martin" in text
    assert "Data : les fondamentaux" in text
    assert "Sans date d’expiration" in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_views_certificate_verification_expired(client, certificate):
    """An expired certificate says "expiré le …"."""
    expiry = timezone.now() - datetime.timedelta(days=3)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=expiry)
    text = page_text(client.get(f"/certificats/verifier/{certificate.public_id}/"))
    local = timezone.localtime(expiry)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]  # fmt: skip
    assert f"Certificat expiré le {local.day} {months[local.month - 1]} {local.year}" in text
    assert "valide" not in text.replace("Valable", "")


def test_views_certificate_verification_revoked(client, certificate, administrator):
    """A revoked certificate says "révoqué le … (motif)"."""
    services.revoke_certificate(
        certificate=certificate, reason="Délivré par erreur", revoked_by=administrator
    )
    text = page_text(client.get(f"/certificats/verifier/{certificate.public_id}/"))
    assert "Certificat révoqué le" in text
    assert "(motif : Délivré par erreur)" in text


def test_views_certificate_verification_unknown_code(client, certificate):
    """A well-formed code that matches nothing: a clear "aucun certificat"."""
    response = client.get("/certificats/verifier/", {"code": "ZZZZZ-ZZZZZ"})
    assert response.status_code == 404
    assert "Aucun certificat ne correspond au code « ZZZZZ-ZZZZZ »" in page_text(response)


def test_views_certificate_verification_malformed_code(client):
    """A code of the wrong shape is reported on the field."""
    response = client.get("/certificats/verifier/", {"code": "abc"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#code")["aria-invalid"] == "true"
    assert "10 lettres et chiffres" in soup.select_one("#code-erreur").get_text()


def test_views_certificate_verification_unknown_page(client):
    """An unknown public identifier answers 404 with the same message."""
    response = client.get("/certificats/verifier/inconnu-0123456789abcdef/")
    assert response.status_code == 404
    assert "Aucun certificat" in page_text(response)


def test_views_certificate_verification_rate_limited(client, certificate, settings):
    """Past the limit of lookups per IP, the page answers 429 in French, even for good codes."""
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/certificats/verifier/", {"code": "ZZZZZ-ZZZZZ"}).status_code == 404
    response = client.get("/certificats/verifier/", {"code": certificate.display_code})
    assert response.status_code == 429
    assert "Trop de vérifications" in page_text(response)
    # Another address is not affected.
    other = client.get(
        "/certificats/verifier/", {"code": certificate.display_code}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_views_certificate_verification_shows_nothing_more(client, certificate):
    """Data minimisation: no e-mail, no hours, no organisation, no internal identifiers."""
    certificate.user.organization_label = "Ministère de l’Exemple"
    certificate.user.save()
    text = page_text(client.get(f"/certificats/verifier/{certificate.public_id}/"))
    assert certificate.user.email not in text
    assert "Ministère de l’Exemple" not in text
    assert certificate.duration_hours not in text
    dt_labels = [
        dt.get_text(strip=True)
        for dt in BeautifulSoup(
            client.get(f"/certificats/verifier/{certificate.public_id}/").content, "html.parser"
        ).select("main dt")
    ]
    assert dt_labels == [
        "Titulaire",
        "Parcours",
        "Délivré le",
        "Valable jusqu’au",
        "Code de vérification",
    ]


def test_views_certificate_verification_status_endpoint(client, certificate, administrator):
    """The credential status endpoint answers JSON without personal data."""
    url = f"/certificats/statut/{certificate.public_id}"
    data = client.get(url).json()
    assert data["status"] == "valid" and data["revoked"] is False
    assert "Camille" not in str(data)
    services.revoke_certificate(certificate=certificate, reason="Erreur", revoked_by=administrator)
    data = client.get(url).json()
    assert data["status"] == "revoked" and data["revoked"] is True and data["revokedAt"]
    assert client.get("/certificats/statut/inconnu").status_code == 404
