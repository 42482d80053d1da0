"""Certificates in "Mon espace": cards with downloads and verification, history, renewal."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learners.certification import services
from learners.certification.models import Certificate
from learners.learning.models import Enrolment
from learners.learning.selectors import dashboard_for
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    """These tests do not read the PDF: skip WeasyPrint."""
    monkeypatch.setattr("learners.certification.pdf.render_pdf", lambda certificate: b"%PDF-")


def certificates_section(response):
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find("h2", id="certificats")
    assert heading is not None, "no certificates section"
    return heading.find_parent("main")


def test_views_certificates_dashboard_card_with_links(client, django_capture_on_commit_callbacks):
    """The certificate appears with its status, code and the PDF, badge and verification links."""
    user = agent()
    certificate = certified(
        user, learning_path(title="IA générative"), django_capture_on_commit_callbacks
    )
    client.force_login(user)
    main = certificates_section(client.get("/mon-espace/"))
    text = " ".join(main.get_text(" ").split())
    assert "IA générative" in text
    assert "Valide" in text
    assert certificate.display_code in text
    hrefs = {a["href"] for a in main.select("a[href]")}
    assert f"/mon-espace/certificats/{certificate.public_id}/attestation.pdf" in hrefs
    assert f"/mon-espace/certificats/{certificate.public_id}/credential.jwt" in hrefs
    assert f"/certificats/verifier/{certificate.public_id}/" in hrefs
    assert not main.select("form[action$='/renouveler/']")


def test_views_certificates_dashboard_queries_constant(django_capture_on_commit_callbacks):
    """The certificates section costs the same queries for one certificate or four."""
    from learners.certification.selectors import fill_dashboard

    user = agent()
    certified(user, learning_path(), django_capture_on_commit_callbacks)

    def count():
        dashboard = dashboard_for(user)
        with CaptureQueriesContext(connection) as queries:
            fill_dashboard(user, dashboard)
        return len(queries)

    one = count()
    for _ in range(3):
        certified(user, learning_path(), django_capture_on_commit_callbacks)
    assert count() == one == 1
    assert len(dashboard_for(user).certificates) == 4


def test_views_certificates_dashboard_renew_expired(client, django_capture_on_commit_callbacks):
    """An expired certificate offers renewal; renewing starts the path again."""
    user = agent()
    path = learning_path()
    certificate = certified(user, path, django_capture_on_commit_callbacks)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(user)
    main = certificates_section(client.get("/mon-espace/"))
    assert "Expiré" in main.get_text()
    form = main.select_one("form[action$='/renouveler/']")
    assert form is not None
    response = client.post(form["action"])
    assert response.status_code == 302
    assert response["Location"] == f"/parcours/{path.pk}/reprendre/"
    assert Enrolment.objects.get(user=user, path=path).status == Enrolment.Status.ENROLLED
    main = certificates_section(client.get("/mon-espace/"))
    assert "Renouvellement en cours" in main.get_text()
    assert not main.select("form[action$='/renouveler/']")


def test_views_certificates_dashboard_history_after_renewal(
    client, django_capture_on_commit_callbacks
):
    """After a renewal, the new certificate is a card and the old one is in the history table."""

    user = agent()
    path = learning_path(title="Parcours renouvelé")
    old = certified(user, path, django_capture_on_commit_callbacks)
    Certificate.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    services.renew_certification(user=user, path=path)
    new = certified(user, path, django_capture_on_commit_callbacks)
    client.force_login(user)
    main = certificates_section(client.get("/mon-espace/"))
    table = main.find("caption", string="Certificats précédents (renouvelés)").find_parent("table")
    assert f"/mon-espace/certificats/{old.public_id}/attestation.pdf" in str(table)
    cards = main.select(".fr-card")
    assert any(new.display_code in card.get_text() for card in cards)


def test_views_certificates_renew_refused_for_others(client, django_capture_on_commit_callbacks):
    """Another agent cannot renew someone's certificate (404)."""
    certificate = certified(agent(), learning_path(), django_capture_on_commit_callbacks)
    client.force_login(agent(email="intrus@campus.example"))
    response = client.post(f"/mon-espace/certificats/{certificate.public_id}/renouveler/")
    assert response.status_code == 404
