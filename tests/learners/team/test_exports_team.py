"""Exports of the team tables: CSV, XLSX and ODS hold exactly the rows the manager may see, with
the filters applied, French headings and ISO dates; large exports go to a background task."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow
from odf.text import P

from learners.team.exports import AGENT_HEADINGS, PATH_HEADINGS
from learners.team.models import TeamExport
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(module_db):
    return build_org()


def download(client, table, fmt, **params):
    response = client.get(reverse("team_export", args=[table, fmt]), params)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return response, content


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    return [line.split(";") for line in text.strip().split("\r\n")]


def xlsx_rows(content: bytes) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def ods_rows(content: bytes) -> list[list[str]]:
    document = load_ods(io.BytesIO(content))
    (table,) = document.spreadsheet.getElementsByType(Table)
    rows = []
    for row in table.getElementsByType(TableRow):
        cells = []
        for cell in row.getElementsByType(TableCell):
            cells.append("".join(str(p) for p in cell.getElementsByType(P)))
        rows.append(cells)
    return rows


def last_activity(days: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=days)).isoformat()


EXPECTED_AGENTS = [
    [
        "Alpha",
        "Alice",
        "a1@campus.example",
        "Bureau A",
        "bureau-a",
        "1",
        "1",
        "0",
        last_activity(2),
    ],
    [
        "Bravo",
        "Bruno",
        "a2@campus.example",
        "Bureau A",
        "bureau-a",
        "1",
        "0",
        "1",
        last_activity(100),
    ],
    [
        "Charlie",
        "Chloé",
        "a3@campus.example",
        "Section A1",
        "section-a1",
        "1",
        "0",
        "1",
        last_activity(5),
    ],
]
EXPECTED_PATHS = [
    ["Parcours P1", "1", "1", "1", "2", "3", "33", "0"],
    ["Parcours P2", "0", "1", "0", "0", "1", "0", "1"],
]


def test_exports_team_agents_csv(client, org):
    """CSV: UTF-8 with BOM, `;`, French headings, ISO dates, only the manager's agents."""
    client.force_login(org.manager)
    response, content = download(client, "agents", "csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(content)
    assert rows[0] == AGENT_HEADINGS
    assert rows[1:] == EXPECTED_AGENTS


def test_exports_team_paths_csv(client, org):
    """The path × status table as CSV."""
    client.force_login(org.manager)
    _response, content = download(client, "parcours", "csv")
    rows = csv_rows(content)
    assert rows[0] == PATH_HEADINGS
    assert rows[1:] == EXPECTED_PATHS


def test_exports_team_agents_xlsx(client, org):
    """XLSX: numbers as numbers, dates as dates shown YYYY-MM-DD."""
    client.force_login(org.manager)
    _response, content = download(client, "agents", "xlsx")
    rows = xlsx_rows(content)
    assert rows[0] == AGENT_HEADINGS
    as_text = [
        [v.date().isoformat() if isinstance(v, datetime.datetime) else str(v) for v in row]
        for row in rows[1:]
    ]
    assert as_text == EXPECTED_AGENTS
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.active["I2"].number_format == "yyyy-mm-dd"


def test_exports_team_paths_xlsx(client, org):
    client.force_login(org.manager)
    _response, content = download(client, "parcours", "xlsx")
    rows = xlsx_rows(content)
    assert rows[0] == PATH_HEADINGS
    assert [[str(v) for v in row] for row in rows[1:]] == EXPECTED_PATHS


def test_exports_team_agents_ods(client, org):
    """ODS: a valid OpenDocument spreadsheet (read back with odfpy), mimetype stored first."""
    client.force_login(org.manager)
    response, content = download(client, "agents", "ods")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        content_xml = archive.read("content.xml").decode()
    assert 'office:value-type="date"' in content_xml
    rows = ods_rows(content)
    assert rows[0] == AGENT_HEADINGS
    assert rows[1:] == EXPECTED_AGENTS


def test_exports_team_paths_ods(client, org):
    client.force_login(org.manager)
    _response, content = download(client, "parcours", "ods")
    rows = ods_rows(content)
    assert rows[0] == PATH_HEADINGS
    assert rows[1:] == EXPECTED_PATHS


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_exports_team_filters_apply(client, org, fmt):
    """Filters (unit, status, sort) apply to the export exactly as to the page."""
    client.force_login(org.manager)
    _response, content = download(
        client, "agents", fmt, unite=org.unit_a.pk, statut="en_retard", tri="-nom"
    )
    reader = {"csv": csv_rows, "xlsx": xlsx_rows, "ods": ods_rows}[fmt]
    emails = [row[2] for row in reader(content)[1:]]
    assert emails == ["a3@campus.example", "a2@campus.example"]


def test_exports_team_administrator_gets_everyone(client, org):
    """The administrator's export covers every unit."""
    client.force_login(org.admin)
    _response, content = download(client, "agents", "csv")
    emails = {row[2] for row in csv_rows(content)[1:]}
    assert {"a1@campus.example", "b1@campus.example", "d1@campus.example"} <= emails


def test_exports_team_large_export_runs_in_background(
    client, org, settings, django_capture_on_commit_callbacks
):
    """Over TEAM_EXPORT_SYNC_MAX_ROWS rows, the export is built by a task and offered to its
    requester only."""
    settings.TEAM_EXPORT_SYNC_MAX_ROWS = 2
    client.force_login(org.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            reverse("team_export", args=["agents", "xlsx"]), {"statut": "en_cours"}
        )
    export = TeamExport.objects.get(requested_by=org.manager)
    assert response.status_code == 302
    assert response["Location"] == reverse("team_export_status", args=[export.pk])
    export.refresh_from_db()
    assert export.status == TeamExport.Status.READY
    assert export.row_count == 3 and export.filters == {"statut": "en_cours"}
    # A random name, in the private files (never served by URL).
    assert export.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert len(export.file.name.rsplit("/", 1)[-1]) > 30
    status_page = client.get(response["Location"]).content.decode()
    assert "Votre export est prêt" in status_page
    download_response = client.get(reverse("team_export_download", args=[export.pk]))
    assert download_response.status_code == 200
    rows = xlsx_rows(b"".join(download_response.streaming_content))
    assert [row[2] for row in rows[1:]] == [
        "a1@campus.example",
        "a2@campus.example",
        "a3@campus.example",
    ]
    client.force_login(org.manager_b)
    assert client.get(reverse("team_export_download", args=[export.pk])).status_code == 404
    assert client.get(reverse("team_export_status", args=[export.pk])).status_code == 404
