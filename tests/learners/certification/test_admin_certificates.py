"""The administrators' "Certificats" in the Wagtail admin: listing, filters, search, revocation,
CSV export; trainers are refused."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from learners.certification.models import Certificate
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db

INDEX = "/cms/certificats/"


@pytest.fixture
def certificates(django_capture_on_commit_callbacks, monkeypatch):
    """Three certificates: Camille (data, valid), Dominique (data, expired), Alix (cyber)."""
    monkeypatch.setattr("learners.certification.pdf.render_pdf", lambda certificate: b"%PDF-")
    data = learning_path(title="Data : les fondamentaux")
    cyber = learning_path(title="Cybersécurité")
    camille = certified(agent(), data, django_capture_on_commit_callbacks)
    dominique = certified(
        agent(email="dominique@campus.example", first_name="Dominique", last_name="Petit"),
        data,
        django_capture_on_commit_callbacks,
    )
    Certificate.objects.filter(pk=dominique.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=2),
        issued_at=timezone.now() - datetime.timedelta(days=400),
    )
    alix = certified(
        agent(email="alix@campus.example", first_name="Alix", last_name="Bernard"),
        cyber,
        django_capture_on_commit_callbacks,
    )
    return {"camille": camille, "dominique": dominique, "alix": alix, "data": data, "cyber": cyber}


def listed_names(response) -> set[str]:
    body = response.content.decode()
    return {name for name in ("Camille Martin", "Dominique Petit", "Alix Bernard") if name in body}


def test_admin_certificates_listing(client, administrator, certificates):
    """Administrators see every certificate with its code, holder, path and status."""
    client.force_login(administrator)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert listed_names(response) == {"Camille Martin", "Dominique Petit", "Alix Bernard"}
    assert certificates["camille"].display_code in response.content.decode()
    assert "Expiré" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "expire"}, {"Dominique Petit"}),
        ({"status": "valide"}, {"Camille Martin", "Alix Bernard"}),
        ({"issued_at_from": "2000-01-01", "issued_at_to": "__month_ago__"}, {"Dominique Petit"}),
    ],
)
def test_admin_certificates_filters(client, administrator, certificates, query, expected):
    """Filters by status and issue dates."""
    month_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    query = {k: (month_ago if v == "__month_ago__" else v) for k, v in query.items()}
    client.force_login(administrator)
    assert listed_names(client.get(INDEX, query)) == expected


def test_admin_certificates_filter_by_path(client, administrator, certificates):
    """Filter by path."""
    client.force_login(administrator)
    response = client.get(INDEX, {"path": certificates["cyber"].pk})
    assert listed_names(response) == {"Alix Bernard"}


def test_admin_certificates_search_by_name_and_code(client, administrator, certificates):
    """Search finds a holder by name, and a certificate by its code."""
    client.force_login(administrator)
    assert listed_names(client.get(INDEX, {"q": "Petit"})) == {"Dominique Petit"}
    code = certificates["alix"].display_code.lower()  # as printed, typed in lower case
    assert listed_names(client.get(INDEX, {"q": code})) == {"Alix Bernard"}


def test_admin_certificates_revoke_with_reason(client, administrator, certificates):
    """Revoking records the reason, who and when."""
    certificate = certificates["camille"]
    client.force_login(administrator)
    url = f"{INDEX}revoke/{certificate.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Attestation obtenue par erreur"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revocation_reason == "Attestation obtenue par erreur"
    assert certificate.revoked_by == administrator
    assert certificate.revoked_at is not None


def test_admin_certificates_revoke_requires_reason(client, administrator, certificates):
    """Without a reason, the form is shown again with an error; nothing is revoked."""
    certificate = certificates["camille"]
    client.force_login(administrator)
    response = client.post(f"{INDEX}revoke/{certificate.pk}/", {"reason": "  "})
    assert response.status_code == 200
    assert "error-message" in response.content.decode() or "Ce champ est obligatoire" in (
        response.content.decode()
    )
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_admin_certificates_csv_export(client, administrator, certificates):
    """The listing exports as CSV, with its filters applied."""
    client.force_login(administrator)
    response = client.get(INDEX, {"export": "csv", "path": certificates["data"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="certificats.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["Titulaire"] for row in rows} == {"Camille Martin", "Dominique Petit"}
    assert {row["Statut"] for row in rows} == {"Valide", "Expiré"}
    assert certificates["camille"].display_code in {row["Code"] for row in rows}


def test_admin_certificates_inspect(client, administrator, certificates):
    """An administrator inspects a certificate."""
    client.force_login(administrator)
    certificate = certificates["alix"]
    response = client.get(f"{INDEX}inspect/{certificate.pk}/")
    assert response.status_code == 200
    assert certificate.public_id in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        INDEX,
        f"{INDEX}?export=csv",
        f"{INDEX}revoke/{{pk}}/",
        f"{INDEX}inspect/{{pk}}/",
        f"{INDEX}edit/{{pk}}/",
    ],
)
def test_admin_certificates_trainers_refused(client, trainer, certificates, url):
    """A trainer reaches the admin but not the certificates: 403."""
    client.force_login(trainer)
    response = client.get(url.format(pk=certificates["camille"].pk))
    assert response.status_code == 403


def test_admin_certificates_nobody_creates_edits_or_deletes(client, administrator, certificates):
    """Even administrators cannot create, edit or delete a certificate here."""
    client.force_login(administrator)
    pk = certificates["camille"].pk
    for url in (f"{INDEX}new/", f"{INDEX}edit/{pk}/", f"{INDEX}delete/{pk}/"):
        assert client.get(url).status_code == 403, url


def test_admin_certificates_menu_for_administrators_only(client, administrator, trainer):
    """The "Certificats" menu item shows for administrators, not for trainers."""
    client.force_login(administrator)
    assert INDEX in client.get("/cms/").content.decode()
    client.force_login(trainer)
    assert INDEX not in client.get("/cms/").content.decode()
