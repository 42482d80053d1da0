"""A visitor, not signed in, finds the campus's open statistics from the footer, reads the
month's figures (those of fewer than 5 agents withheld) and finds the CSV and its description."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from courses.factories import build_path
from learners.accounts.models import OrgUnit
from learners.factories import EnrolmentFactory, OrgUnitFactory, UserFactory
from learners.learning.models import Enrolment

pytestmark = pytest.mark.e2e


def test_open_statistics_journey_from_the_footer(page, live_server, axe):
    cache.clear()
    path = build_path(title="Parcours ouvert")
    ministry = OrgUnitFactory(name="Ministère des statistiques", kind=OrgUnit.Kind.MINISTRY)
    now = timezone.now()
    for _ in range(6):
        EnrolmentFactory(
            user=UserFactory(org_unit=ministry),
            path=path,
            status=Enrolment.Status.COMPLETED,
            completed_at=now,
        )
    page.set_default_timeout(10_000)

    page.goto(f"{live_server.url}/")
    axe(page)
    page.get_by_role("contentinfo").get_by_role("link", name="Statistiques ouvertes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistiques ouvertes")
    table = page.get_by_role("table", name="Ensemble du campus, 12 derniers mois")
    row = table.get_by_role("row", name=now.strftime("%Y-%m"))
    # Six enrolments and six completed paths this month; no certificate (0 is published).
    expect(row.get_by_role("cell")).to_have_text(["6", "6", "0"])
    csv_link = page.get_by_role("link", name="Statistiques par mois, thématique, parcours")
    expect(csv_link).to_have_attribute("href", "/statistiques/statistiques-campus.csv")
    axe(page)

    schema_link = page.get_by_role("link", name="Description des colonnes (Table Schema)")
    schema = page.request.get(live_server.url + schema_link.get_attribute("href")).json()
    assert schema["name"] == "statistiques-campus-numerique-public"
    cache.clear()
