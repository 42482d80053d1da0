"""Mon espace → "Mes données": the agent downloads everything the campus holds about them (JSON,
zip of CSVs), audited, in a constant number of queries; and asks for the erasure of the account."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from learners.common.models import SentNotification
from learners.privacy.models import AuditEvent, ErasureRequest
from learners.privacy.selectors import SECTIONS, personal_data_for
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    world = build_world()
    SentNotification.objects.create(kind="reminder", key="rgpd-test:1", user=world.org.a1)
    return world


def test_selectors_personal_data_has_every_section_of_the_agent_only(world):
    """Profile, enrolments, completions, attempts, registrations, certificates, assignments,
    notifications: the agent's rows, none of the other agent's."""
    data = personal_data_for(world.org.a1)
    assert set(data) == set(SECTIONS)
    assert len(data["profil"]) == 1
    assert data["profil"][0]["email"] == world.org.a1.email
    assert {row["parcours"] for row in data["inscriptions"]} >= {world.path.title}
    assert data["activites_terminees"]
    assert len(data["tentatives_quiz"]) == 1
    assert len(data["inscriptions_sessions"]) == 1
    assert [row["code"] for row in data["certificats"]] == [world.agent.certificate.code]
    assert data["assignations"][0]["campagne"] == world.org.campaign_a.title
    assert [row["type"] for row in data["notifications"]] == ["reminder"]
    dumped = json.dumps(data, default=str)
    assert world.org.b1.email not in dumped
    assert world.other.certificate.code not in dumped


def test_queries_personal_data_constant(world, django_assert_num_queries):
    """One query per section, whatever the amount of data."""
    with django_assert_num_queries(len(SECTIONS)):
        personal_data_for(world.org.a1)


def test_views_personal_data_json_download_is_audited(client, world):
    """The JSON download is an attachment, private, and records PERSONAL_DATA_EXPORTED."""
    client.force_login(world.org.a1)
    response = client.get(reverse("personal_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profil"][0]["email"] == world.org.a1.email
    event = AuditEvent.objects.for_target(world.org.a1).filter(
        action=AuditEvent.Action.PERSONAL_DATA_EXPORTED
    )
    assert event.get().details == {"format": "json"}


def test_views_personal_data_zip_has_one_csv_per_section(client, world):
    """The CSV download is a zip with one CSV per section."""
    client.force_login(world.org.a1)
    response = client.get(reverse("personal_data_zip"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(f"{name}.csv" for name in SECTIONS)
    profile = archive.read("profil.csv").decode("utf-8-sig")
    assert world.org.a1.email in profile
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.PERSONAL_DATA_EXPORTED, details__format="zip"
    ).exists()


def test_views_personal_data_page_links_downloads_and_dashboard_links_it(client, world):
    """The page offers both downloads and the erasure form; Mon espace links to it."""
    client.force_login(world.org.a1)
    body = client.get(reverse("personal_data")).content.decode()
    assert reverse("personal_data_json") in body
    assert reverse("personal_data_zip") in body
    assert reverse("personal_data_erasure") in body
    assert reverse("personal_data") in client.get(reverse("dashboard")).content.decode()


def test_views_personal_data_erasure_needs_confirmation_and_is_idempotent(client, world):
    """Without the box ticked nothing is recorded; twice = one pending request."""
    client.force_login(world.org.a1)
    url = reverse("personal_data_erasure")
    client.post(url, {})
    assert not ErasureRequest.objects.filter(user=world.org.a1).exists()
    client.post(url, {"confirmation": "oui"})
    client.post(url, {"confirmation": "oui"})
    assert ErasureRequest.objects.filter(user=world.org.a1).pending().count() == 1
    body = client.get(reverse("personal_data")).content.decode()
    assert "attend la confirmation" in body
