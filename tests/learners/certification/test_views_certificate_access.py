"""Who may download a certificate's PDF and credential: the agent and administrators only."""

import pytest

from learners.certification.models import Certificate
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db

DOWNLOADS = ["attestation.pdf", "credential.jwt"]


@pytest.fixture
def certificate(django_capture_on_commit_callbacks, signing_key) -> Certificate:
    return certified(agent(), learning_path(), django_capture_on_commit_callbacks)


def url(certificate, name):
    return f"/mon-espace/certificats/{certificate.public_id}/{name}"


@pytest.mark.parametrize("name", DOWNLOADS)
@pytest.mark.parametrize("who", ["owner", "administrator"])
def test_views_certificate_access_owner_and_administrator(
    client, certificate, administrator, who, name
):
    """The agent and administrators download both files, as attachments."""
    client.force_login(certificate.user if who == "owner" else administrator)
    response = client.get(url(certificate, name))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("name", DOWNLOADS)
@pytest.mark.parametrize("who", ["other agent", "trainer"])
def test_views_certificate_access_others_get_404(client, certificate, trainer, who, name):
    """Another agent or a trainer gets 404: they cannot even learn that it exists."""
    client.force_login(
        agent(email="autre.agent@campus.example") if who == "other agent" else trainer
    )
    assert client.get(url(certificate, name)).status_code == 404


@pytest.mark.parametrize("name", DOWNLOADS)
def test_views_certificate_access_anonymous_redirected_to_login(client, certificate, name):
    """An anonymous visitor is sent to the login page, then back."""
    response = client.get(url(certificate, name))
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=/mon-espace/certificats/")


def test_views_certificate_access_credential_is_the_signed_jwt(client, certificate):
    """The credential download is the VC-JWT stored at issuance."""
    client.force_login(certificate.user)
    response = client.get(url(certificate, "credential.jwt"))
    assert response["Content-Type"] == "application/vc+jwt"
    assert response.content.decode() == certificate.credential_jwt


def test_views_certificate_access_credential_without_key_is_503(client, certificate, settings):
    """No key configured and no credential stored: a clear 503, the PDF remains available."""
    Certificate.objects.filter(pk=certificate.pk).update(credential_jwt="")
    settings.OPENBADGES_SIGNING_KEYS = []
    client.force_login(certificate.user)
    response = client.get(url(certificate, "credential.jwt"))
    assert response.status_code == 503
    assert "Votre certificat PDF reste disponible" in response.content.decode()
