"""Query budgets of the manager pages and exports: the same number of queries for a small
organisation and for one with many more units, agents, paths, enrolments and assignments."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.factories import build_path
from learners.factories import OrgUnitFactory, UserFactory
from learners.learning.models import Enrolment
from learners.team.models import Assignment, Campaign
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db

Status = Enrolment.Status
STATUSES = [Status.ENROLLED, Status.IN_PROGRESS, Status.COMPLETED, Status.ABANDONED]


def grow(org, *, units: int, agents_per_unit: int, paths: int) -> None:
    """More sub-units under A (each with a section), agents, paths, enrolments, assignments."""
    new_paths = [build_path(title=f"Parcours Q{n}", lessons=1) for n in range(paths)]
    all_paths = [org.p1, org.p2, *new_paths]
    due = timezone.localdate() - datetime.timedelta(days=1)
    campaign = Campaign.objects.create(
        title="Grande campagne",
        path=all_paths[-1],
        created_by=org.manager,
        unit=org.unit_a,
        due_date=due,
    )
    now = timezone.now()
    for number in range(units):
        office = OrgUnitFactory(name=f"Pôle {number}", code=f"pole-{number}", parent=org.unit_a)
        section = OrgUnitFactory(name=f"Cellule {number}", code=f"cellule-{number}", parent=office)
        for index in range(agents_per_unit):
            agent = UserFactory(
                email=f"agent-{number}-{index}@campus.example",
                org_unit=section if index % 2 else office,
            )
            enrolments = Enrolment.objects.bulk_create(
                Enrolment(
                    user=agent,
                    path=path,
                    status=STATUSES[(index + position) % 4],
                    progress_percent=(index * 10) % 100,
                    completed_minutes=index * 5,
                    last_activity_at=now - datetime.timedelta(days=index),
                    completed_at=now
                    if STATUSES[(index + position) % 4] == Status.COMPLETED
                    else None,
                )
                for position, path in enumerate(all_paths)
            )
            Assignment.objects.create(
                campaign=campaign, user=agent, enrolment=enrolments[-1], due_date=due
            )


def urls(org) -> list[str]:
    export = reverse("team_export", args=["agents", "csv"])
    return [
        reverse("team"),
        reverse("team") + f"?periode=30j&parcours={org.p1.pk}&statut=en_retard&tri=-activite",
        reverse("team") + "?tri=retard&page=2",
        reverse("team_unit", args=[org.unit_a.pk]),
        reverse("team_unit", args=[org.section_a1.pk]) + "?periode=12m",
        reverse("team_agent", args=[org.a3.pk]),
        reverse("team_campaigns"),
        reverse("team_campaign", args=[org.campaign_a.pk]),
        export,
        export + "?periode=3m&statut=termine",
        reverse("team_export", args=["agents", "xlsx"]),
        reverse("team_export", args=["agents", "ods"]),
        reverse("team_export", args=["parcours", "csv"]),
        reverse("team_export", args=["parcours", "ods"]),
        reverse("dashboard"),
    ]


def measure(client, org) -> dict[str, int]:
    counts = {}
    for url in urls(org):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_queries_team_pages_are_constant(client, settings, who):
    """Every manager page and export costs the same at two sizes (2 paths, 5 agents →
    5 paths, 5 + 48 agents in 17 units)."""
    settings.TEAM_EXPORT_SYNC_MAX_ROWS = 100_000
    org = build_org()
    user = getattr(org, who)
    client.force_login(user)
    measure(client, org)  # warm-up: site root paths, content types
    small = measure(client, org)
    grow(org, units=8, agents_per_unit=6, paths=3)
    large = measure(client, org)
    print(f"\nQueries ({who}):")
    for url, count in small.items():
        print(f"  {count:3d} {large[url]:3d}  {url}")
    assert large == small
