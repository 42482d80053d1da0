"""Exports of the team tables as CSV, XLSX and ODS, written row by row in bounded memory.

- Rows come from the same querysets as the pages (`agents_table`, `path_table`): exactly the
  agents the manager may see, with the filters applied; the agents are read in chunks
  (`.iterator(chunk_size=2000)`).
- Headings are in French; dates are ISO 8601 (YYYY-MM-DD), as date cells in XLSX and ODS.
- CSV: UTF-8 with a byte-order mark and `;` as delimiter, which is what spreadsheet software
  set up in French expects (the comma is the decimal separator there).
- ODS (OpenDocument, favoured by the State's interoperability framework) is written by hand as
  a zip of XML streamed row by row: no library keeps the whole sheet in memory.
"""

import csv
import datetime
import io
import secrets
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.core.files import File
from django.http import QueryDict
from django.utils import timezone

from learners.accounts.permissions import may_see_team
from learners.common.exceptions import NotAllowed
from learners.common.spreadsheets import safe_cell, safe_text
from learners.team.agents import agents_table
from learners.team.figures import path_table
from learners.team.filters import OutOfScope, TeamQuery, resolve
from learners.team.models import TeamExport

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Sheet:
    name: str
    headings: list[str]
    rows: Iterable[list]  # cells: str, int, float, date or None


def _local_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


AGENT_HEADINGS = [
    "Nom",
    "Prénom",
    "Adresse électronique",
    "Unité",
    "Code unité",
    "Parcours en cours",
    "Parcours terminés",
    "Formations obligatoires en retard",
    "Dernière activité",
]


AGENT_COLUMNS = [
    *("last_name", "first_name", "email", "org_unit__name", "org_unit__code"),
    *("ongoing_count", "completed_count", "overdue_count", "last_activity_at"),
]


def agent_rows(query: TeamQuery) -> Iterator[list]:
    # Tuples, not model instances: a ministry's export has tens of thousands of rows.
    rows = agents_table(query).values_list(*AGENT_COLUMNS)
    for last, first, email, unit, code, ongoing, completed, overdue, activity in rows.iterator(
        chunk_size=CHUNK_SIZE
    ):
        yield [
            *(last, first, email, unit or "", code or ""),
            *(ongoing, completed, overdue, _local_date(activity)),
        ]


PATH_HEADINGS = [
    "Parcours",
    "Inscrits (non commencé)",
    "En cours",
    "Terminés",
    "En retard",
    "Total",
    "Taux de complétion (%)",
    "Abandons",
]


def path_rows(query: TeamQuery) -> Iterator[list]:
    for row in path_table(query):
        yield [
            row.title,
            row.not_started,
            row.in_progress,
            row.completed,
            row.overdue,
            row.total,
            row.completion_rate,
            row.abandoned,
        ]


def sheet_for(table: str, query: TeamQuery) -> Sheet:
    if table == "agents":
        return Sheet("Agents", AGENT_HEADINGS, agent_rows(query))
    return Sheet("Parcours", PATH_HEADINGS, path_rows(query))


def row_count(table: str, query: TeamQuery) -> int:
    """Rows the export would have (one query), to choose between now and a background task."""
    if table == "agents":
        return agents_table(query).count()
    return 0  # one row per path: always small


# CSV ----------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def _csv_cell(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else safe_cell(value)


def csv_chunks(sheet: Sheet) -> Iterator[bytes]:
    """The CSV file in pieces (for a StreamingHttpResponse or a file)."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff".encode()
    yield writer.writerow([safe_text(text) for text in sheet.headings]).encode()
    buffer = []
    for row in sheet.rows:
        buffer.append(writer.writerow([_csv_cell(cell) for cell in row]))
        if len(buffer) >= 500:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()


def write_csv(sheet: Sheet, target) -> int:
    size = 0
    for chunk in csv_chunks(sheet):
        target.write(chunk)
        size += len(chunk)
    return size


# XLSX ---------------------------------------------------------------------------------------


def write_xlsx(sheet: Sheet, target) -> None:
    """XLSX through openpyxl's write-only mode (rows go to a temporary file as they come)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet.name)
    bold = Font(bold=True)

    def heading(text):
        cell = text_cell(text)
        cell.font = bold
        return cell

    def text_cell(text):
        # Typed as a string: openpyxl would store a text starting with "=" as a formula.
        cell = WriteOnlyCell(worksheet, value=safe_text(text))
        cell.data_type = "s"
        return cell

    worksheet.append([heading(text) for text in sheet.headings])
    for row in sheet.rows:
        cells = []
        for value in row:
            if isinstance(value, datetime.date):
                cell = WriteOnlyCell(worksheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            elif isinstance(value, str):
                cells.append(text_cell(value))
            else:
                cells.append(value)
        worksheet.append(cells)
    workbook.save(target)


# ODS ----------------------------------------------------------------------------------------

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {_NAMESPACES}>'
    "<office:styles/></office:document-styles>"
)
_META = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {_NAMESPACES}>'
    "<office:meta><meta:generator>Campus du numérique public</meta:generator></office:meta>"
    "</office:document-meta>"
)
# Dates shown as YYYY-MM-DD, headings in bold.
_AUTOMATIC_STYLES = (
    "<office:automatic-styles>"
    '<number:date-style style:name="date-iso"><number:year number:style="long"/>'
    '<number:text>-</number:text><number:month number:style="long"/>'
    '<number:text>-</number:text><number:day number:style="long"/></number:date-style>'
    '<style:style style:name="cell-date" style:family="table-cell" '
    'style:parent-style-name="Default" style:data-style-name="date-iso"/>'
    '<style:style style:name="cell-heading" style:family="table-cell" '
    'style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/>'
    "</style:style></office:automatic-styles>"
)


def _ods_cell(value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, datetime.date):
        iso = value.isoformat()
        return (
            '<table:table-cell table:style-name="cell-date" office:value-type="date" '
            f'office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>'
        )
    if isinstance(value, bool):
        value = "oui" if value else "non"
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(safe_text(str(value)))}'
        "</text:p></table:table-cell>"
    )


def write_ods(sheet: Sheet, target) -> None:
    """An OpenDocument spreadsheet, its content.xml streamed into the zip row by row."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # The mimetype comes first, uncompressed (ODF 1.3, part 2, §3.3).
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("styles.xml", _STYLES)
        archive.writestr("meta.xml", _META)
        with archive.open("content.xml", "w", force_zip64=True) as raw:
            content = io.TextIOWrapper(raw, encoding="utf-8")
            content.write(
                f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_NAMESPACES}>'
                f"{_AUTOMATIC_STYLES}<office:body><office:spreadsheet>"
                f"<table:table table:name={quoteattr(safe_text(sheet.name))}>"
                f'<table:table-column table:number-columns-repeated="{len(sheet.headings)}"/>'
            )
            content.write(
                "<table:table-row>"
                + "".join(
                    '<table:table-cell table:style-name="cell-heading" '
                    f'office:value-type="string"><text:p>{escape(safe_text(text))}</text:p>'
                    "</table:table-cell>"
                    for text in sheet.headings
                )
                + "</table:table-row>"
            )
            for row in sheet.rows:
                content.write(
                    "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
                )
            content.write(
                "</table:table></office:spreadsheet></office:body></office:document-content>"
            )
            content.flush()
            content.detach()


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "ods": write_ods}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": ODS_MIMETYPE,
}


def file_name(table: str, fmt: str, today: datetime.date) -> str:
    return f"equipe-{table}-{today.isoformat()}.{fmt}"


def _query_dict(filters: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in filters.items():
        data[key] = value
    return data


def build_export(*, export_id: int) -> TeamExport:
    """Build the file, the rows read in chunks and written as they come (bounded memory).

    The requester's scope is checked again: a manager who lost a unit meanwhile gets nothing
    from it.
    """
    export = TeamExport.objects.select_related("requested_by").get(pk=export_id)
    if export.status == TeamExport.Status.READY:
        return export
    TeamExport.objects.filter(pk=export.pk).update(status=TeamExport.Status.RUNNING)
    user = export.requested_by
    try:
        if not may_see_team(user):
            raise NotAllowed()
        _form, query = resolve(user, _query_dict(export.filters))
        sheet = sheet_for(export.table, query)
        counter = _Counter(sheet.rows)
        sheet = Sheet(sheet.name, sheet.headings, counter)
        with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as handle:
            WRITERS[export.format](sheet, handle)
            handle.seek(0)
            name = f"{secrets.token_urlsafe(24)}.{export.format}"
            export.file.save(name, File(handle), save=False)
        export.row_count = counter.count
        export.status = TeamExport.Status.READY
    except (NotAllowed, OutOfScope):
        export.status = TeamExport.Status.FAILED
    except Exception:
        export.status = TeamExport.Status.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "finished_at"])
        raise
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "row_count", "status", "finished_at"])
    return export


class _Counter:
    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
