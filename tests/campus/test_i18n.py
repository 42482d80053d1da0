"""French first, English second: dates in each language's own format, every string translated.

The format tests need no database; the page tests use the test client. English pages need the
compiled catalogue (`make test` compiles it first).
"""

import datetime
import re
from importlib import import_module
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.formats import FORMAT_SETTINGS

from home.views import server_error

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Monday 5 January 2026, 14:30 in Paris.
MOMENT = datetime.datetime(2026, 1, 5, 13, 30, tzinfo=datetime.UTC)


def render(source: str, language: str) -> str:
    with translation.override(language):
        return engines["django"].from_string(source).render({"moment": MOMENT})


def custom_format_names(language: str) -> set[str]:
    """The names a language's module adds to Django's (which fall back to Django's own)."""
    module = import_module(f"{settings.FORMAT_MODULE_PATH[0]}.{language}.formats")
    return {name for name in vars(module) if name.endswith("_FORMAT")} - FORMAT_SETTINGS


def test_i18n_formats_define_the_same_custom_names_in_every_language():
    """A custom name missing from one language would be printed as a pattern there."""
    names = {code: custom_format_names(code) for code, _name in settings.LANGUAGES}
    assert names == {code: {"WEEKDAY_DATE_FORMAT"} for code in names}


FORMATTED = [
    ('{{ moment|date:"DATE_FORMAT" }}', "5 janvier 2026", "January 5, 2026"),
    ('{{ moment|time:"TIME_FORMAT" }}', "14h30", "2:30 p.m."),
    (
        '{{ moment|date:"DATETIME_FORMAT" }}',
        "5 janvier 2026 à 14h30",
        "January 5, 2026 at 2:30 p.m.",
    ),
    ('{{ moment|date:"WEEKDAY_DATE_FORMAT" }}', "lundi 5 janvier 2026", "Monday, January 5, 2026"),
    ('{{ moment|date:"SHORT_DATE_FORMAT" }}', "05/01/2026", "01/05/2026"),
]


@pytest.mark.parametrize(("source", "french", "english"), FORMATTED)
def test_i18n_formats_render_dates_in_each_language(source, french, english):
    """Templates name a format; French and English each read their own."""
    assert render(source, "fr") == french
    assert render(source, "en") == english


@pytest.mark.parametrize("directory", ["campus", "courses", "home", "learners"])
def test_i18n_templates_use_named_date_formats(directory):
    """No template spells a date pattern for people to read (machine formats are allowed), except
    the certificate, an official French document."""
    pattern = re.compile(r"""\|(?:date|time):["'](?![A-Z_]+_FORMAT["']|Y-m-d["']|c["'])""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / directory).rglob("templates/**/*.html")
        if path.name != "certificate_pdf.html" and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_i18n_catalogue_has_no_empty_or_fuzzy_translation():
    """Every French string has its English translation, checked by a person (no fuzzy flag)."""
    entries = CATALOGUE.read_text(encoding="utf-8").split("\n\n")[1:]
    fuzzy = [entry for entry in entries if re.search(r"^#,.*\bfuzzy\b", entry, re.M)]
    empty = [entry for entry in entries if re.search(r'^msgstr(\[\d\])? ""\n?\Z', entry, re.M)]
    assert fuzzy == [] and empty == []


@pytest.mark.django_db
def test_i18n_login_page_has_no_english_in_french(client):
    """The French sign-in page shows none of allauth's English strings."""
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr")
    text = BeautifulSoup(response.content, "html.parser").main.get_text(" ")
    assert "Vous n’avez pas encore de compte ?" in text
    assert not re.search(r"\b(account|sign|please|password|remember)\b", text, re.I)


@pytest.mark.django_db
def test_i18n_login_page_in_english(client):
    """The English sign-in page is in English."""
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en")
    text = BeautifulSoup(response.content, "html.parser").main.get_text(" ")
    assert "No account yet?" in text and "Create your account" in text


@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Erreur inattendue"), ("en", "Unexpected error")]
)
def test_i18n_server_error_page_follows_the_language(language, title):
    """The 500 page, rendered without context, is in the request's language."""
    with translation.override(language):
        html = server_error(RequestFactory().get("/")).content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
