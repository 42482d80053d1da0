"""publiccode.yml, the campus's entry in public software catalogues (code.gouv.fr), is valid
against the standard (tests/campus/publiccode_standard.py) and agrees with the project: the
licence of pyproject.toml and LICENSE, its languages and its supported Pythons. No database,
no network."""

import copy
import tomllib
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.campus.publiccode_standard import is_spdx_expression, problems

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_publiccode_file_is_valid(publiccode):
    """The repository's publiccode.yml passes every rule of the standard the validator knows."""
    assert problems(publiccode) == []


def test_publiccode_licence_is_the_project_licence(publiccode, pyproject):
    """One licence everywhere: publiccode.yml, pyproject's SPDX `license`, the LICENSE file."""
    licence = publiccode["legal"]["license"]
    assert pyproject["project"]["license"] == licence == "MIT"
    assert pyproject["project"]["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")


def test_publiccode_describes_the_campus_in_french_and_english(publiccode):
    """Both of the campus's languages are described and declared available."""
    languages = [code for code, _name in settings.LANGUAGES]
    assert set(publiccode["description"]) == set(languages)
    assert publiccode["localisation"]["availableLanguages"] == languages
    assert publiccode["localisation"]["localisationReady"] is True


def test_publiccode_maintenance_names_a_role(publiccode):
    """The maintainers are the campus team at DINUM, named as a role: no person, no address."""
    assert publiccode["maintenance"]["type"] == "internal"
    (contact,) = publiccode["maintenance"]["contacts"]
    assert contact["name"].startswith("Équipe")
    assert "DINUM" in contact["affiliation"]
    assert "email" not in contact and "phone" not in contact


def test_publiccode_dependencies_follow_the_project(publiccode, pyproject):
    """The Python range is pyproject's requires-python; PostgreSQL is the production database."""
    dependencies = {item["name"]: item for item in publiccode["dependsOn"]["open"]}
    python = dependencies["Python"]
    assert pyproject["project"]["requires-python"] == (
        f">={python['versionMin']},<3.{int(python['versionMax'].split('.')[1]) + 1}"
    )
    assert "PostgreSQL" in dependencies and dependencies["Redis"]["optional"] is True


def _mutate(document: dict, path: str, value) -> dict:
    """A copy of `document` with the key at `path` (dots, list indexes) set, or deleted (...)."""
    mutated = copy.deepcopy(document)
    *parents, last = path.split(".")
    target = mutated
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return mutated


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("name", ..., "name: required"),
        ("publiccodeYmlVersion", 0.4, "publiccodeYmlVersion: 0.4 is not one of"),
        ("url", "campus-numerique-public", "url: 'campus-numerique-public' is not an absolute"),
        ("landingURL", "ftp://campus.example", "landingURL: 'ftp://campus.example' is not an HTTP"),
        ("releaseDate", "2026-13-01", "releaseDate: '2026-13-01' is not a date"),
        ("platforms", [], "platforms: must be a non-empty list"),
        ("categories", ["e-learning"], "categories[0]: 'e-learning' is not in the standard"),
        ("developmentStatus", "production", "developmentStatus: 'production' is not one of"),
        ("softwareType", "standalone", "softwareType: 'standalone' is not one of"),
        ("intendedAudience.countries", ["france"], "intendedAudience.countries[0]: 'france'"),
        ("intendedAudience.scope", ["training"], "intendedAudience.scope[0]: 'training' is not"),
        ("description.fr.shortDescription", "x" * 151, "shortDescription: 151 characters"),
        ("description.en.longDescription", "x" * 149, "longDescription: at least 150"),
        ("description.en.features", ..., "description.en.features: required"),
        ("description.en.summary", "…", "description.en.summary: not a key of the standard"),
        ("description", {"french": {}}, "description.french: 'french' is not a BCP 47"),
        ("licence", "MIT", "licence: not a key of the standard"),
        ("legal.license", "MIT-ish", "legal.license: 'MIT-ish' is not an SPDX expression"),
        ("maintenance.contacts", ..., "maintenance.contacts: required when the maintenance"),
        ("maintenance.contacts.0.email", "campus", "contacts[0].email: 'campus' is not an e-mail"),
        ("maintenance.contractors", [{"name": "X"}], "contractors: only when the maintenance"),
        ("maintenance.type", "contract", "maintenance.contractors: required when"),
        ("localisation.localisationReady", "yes", "localisationReady: required, true or false"),
        ("localisation.availableLanguages", ["fr_FR"], "availableLanguages[0]: 'fr_FR' is not"),
        ("dependsOn.open.0.versionMin", 3.11, "versionMin: must be a string"),
        ("dependsOn.open.2.optional", "yes", "dependsOn.open[2].optional: must be true or false"),
    ],
)
def test_publiccode_standard_rejects(publiccode, path, value, expected):
    """The validator refuses what the standard refuses, naming the key."""
    found = problems(_mutate(publiccode, path, value))
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize(
    ("expression", "valid"),
    [
        ("MIT", True),
        ("EUPL-1.2", True),
        ("MIT OR Apache-2.0", True),
        ("(MIT AND BSD-3-Clause) OR EUPL-1.2", True),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", True),
        ("MIT License", False),
        ("MIT AND", False),
        ("(MIT", False),
        ("Beerware", False),
    ],
)
def test_publiccode_standard_spdx_expressions(expression, valid):
    """SPDX licence expressions: known identifiers joined by AND, OR, WITH and brackets."""
    assert is_spdx_expression(expression) is valid
