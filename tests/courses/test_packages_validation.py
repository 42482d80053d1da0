"""Package validation: the real SCORM and H5P packages pass with the right kind and SCOs;
hostile or broken archives, built here, are refused with a French message."""

import io
import json
import zipfile

import pytest
from django.test import override_settings

from courses.packages import InvalidPackage, validate
from courses.packages.scorm_manifest import join_parameters
from tests.packages import (
    H5P_QUESTIONSET,
    H5P_TRUEFALSE,
    SCORM12,
    SCORM12_MULTI,
    SCORM2004,
    SCORM2004_4TH,
    SCORM2004_ROLLUP,
    make_zip,
    manifest_12,
    real_package,
    scorm_zip,
)


def errors_of(data: bytes, name: str = "paquet.zip") -> str:
    with pytest.raises(InvalidPackage) as raised:
        validate(io.BytesIO(data), name=name)
    return " ".join(raised.value.errors)


# --- The real packages --------------------------------------------------------------------


def test_packages_validation_scorm12_single_sco():
    """The SCORM 1.2 package that reports a score has one SCO launched from its launch page."""
    described = validate(real_package(SCORM12))
    assert (described.kind, described.schema_version) == ("scorm12", "1.2")
    assert described.title == "Golf Explained - Run-time Basic Calls"
    scos = [item for item in described.structure["scos"] if item["href"]]
    assert [(s["identifier"], s["href"], s["type"]) for s in scos] == [
        ("item_1", "shared/launchpage.html", "sco")
    ]
    assert described.file_count == 46


def test_packages_validation_scorm12_nineteen_scos_with_parameters():
    """The minimum-calls package has 19 SCOs under headings; item parameters end up in hrefs."""
    described = validate(real_package(SCORM12_MULTI))
    items = described.structure["scos"]
    scos = [item for item in items if item["href"]]
    assert len(scos) == 19
    headings = [item for item in items if item["href"] is None]
    assert headings and all(item["depth"] == 0 for item in headings)
    assert all(item["depth"] == 1 for item in scos)
    hrefs = {item["href"] for item in scos}
    assert "shared/assessmenttemplate.html?questions=Playing" in hrefs
    assert "Playing/Playing.html" in hrefs


@pytest.mark.parametrize(
    ("name", "version", "count"),
    [
        (SCORM2004, "2004 3rd Edition", 1),
        (SCORM2004_ROLLUP, "2004 3rd Edition", 5),
        (SCORM2004_4TH, "2004 4th Edition", 5),
    ],
)
def test_packages_validation_scorm2004(name, version, count):
    """SCORM 2004 3rd and 4th Edition packages are recognised, with their SCOs in order."""
    described = validate(real_package(name))
    assert (described.kind, described.schema_version) == ("scorm2004", version)
    scos = [item for item in described.structure["scos"] if item["href"]]
    assert len(scos) == count
    if count == 5:
        assert [s["href"].split("=")[1] for s in scos] == [
            "playing",
            "etiquette",
            "handicapping",
            "havingfun",
            "assessment",
        ]


@pytest.mark.parametrize(
    ("name", "library", "title"),
    [(H5P_TRUEFALSE, "H5P.TrueFalse", "Hello World"), (H5P_QUESTIONSET, "H5P.QuestionSet", None)],
)
def test_packages_validation_h5p(name, library, title):
    """H5P packages carry their h5p.json and every library they need."""
    described = validate(real_package(name))
    assert described.kind == "h5p"
    assert described.structure["main_library"] == library
    assert described.structure["h5p_json"]["mainLibrary"] == library
    if title:
        assert described.title == title


# --- Zip safety ----------------------------------------------------------------------------


def test_packages_validation_not_a_zip():
    """A file that is not a zip is refused, saying what to upload."""
    assert "n’est pas une archive zip" in errors_of(b"%PDF-1.7 not a zip at all")


@pytest.mark.parametrize(
    "name", ["../evil.html", "shared/../../evil.html", "/etc/evil.html", "C:/evil.html"]
)
def test_packages_validation_path_traversal(name):
    """Entries with absolute or climbing paths are refused."""
    data = scorm_zip(extra={name: "<script>alert(1)</script>"})
    assert "chemins dangereux" in errors_of(data)


def test_packages_validation_backslash_path():
    """A Windows path separator (a way round the `..` check on some servers) is refused."""
    data = scorm_zip(extra={"..\\evil.html": "x"})
    assert "chemins dangereux" in errors_of(data)


def test_packages_validation_symlink():
    """A symbolic link entry is refused (it could point anywhere on the server)."""
    data = make_zip(
        {"imsmanifest.xml": manifest_12(), "index.html": "x"}, symlinks={"link": "/etc/passwd"}
    )
    assert "liens symboliques" in errors_of(data)


@pytest.mark.parametrize(
    "name",
    ["shell.php", "deep/run.py", "x.sh", "cgi-bin/a.cgi", "a.jsp", "b.asp", "c.aspx", "d.phtml"],
)
def test_packages_validation_server_scripts(name):
    """Files a web server could execute are refused, named in the message."""
    data = scorm_zip(extra={name: "<?php system($_GET['c']); ?>"})
    message = errors_of(data)
    assert "scripts exécutables par un serveur" in message
    assert name in message


def test_packages_validation_file_and_folder_of_the_same_name():
    """A file named like a folder of the package (it could not be extracted) is refused."""
    data = scorm_zip(extra={"shared": "x", "shared/page.html": "y"})
    assert "portent le nom d’un dossier : « shared »" in errors_of(data)


@override_settings(PACKAGE_MAX_COMPRESSION_RATIO=100)
def test_packages_validation_zip_bomb_ratio():
    """A highly compressed entry (a zip bomb) is refused before anything is extracted."""
    data = scorm_zip(extra={"bomb.bin": b"\0" * (5 * 1024 * 1024)})
    assert "bombe zip" in errors_of(data)


@override_settings(PACKAGE_MAX_UNCOMPRESSED_BYTES=10_000)
def test_packages_validation_uncompressed_size_limit():
    """A package larger than the limit once uncompressed is refused."""
    data = scorm_zip(extra={"big.bin": bytes(range(256)) * 100})
    assert "Une fois décompressé" in errors_of(data)


@override_settings(PACKAGE_MAX_FILES=5)
def test_packages_validation_file_count_limit():
    """A package with more files than allowed is refused."""
    data = scorm_zip(extra={f"f{i}.txt": "x" for i in range(10)})
    assert "fichiers ; 5 au plus" in errors_of(data)


@override_settings(PACKAGE_MAX_UPLOAD_BYTES=100)
def test_packages_validation_upload_size_limit():
    """A file over the upload limit is refused without being opened."""
    assert "un paquet pèse" in errors_of(scorm_zip())


def test_packages_validation_real_sizes_within_default_limits():
    """The default limits accept the real packages (no false zip-bomb alarm)."""
    for name in (SCORM12, H5P_QUESTIONSET):
        validate(real_package(name))


# --- SCORM manifests -----------------------------------------------------------------------


def test_packages_validation_missing_manifest():
    """A zip without imsmanifest.xml (nor h5p.json) is not a package."""
    assert "imsmanifest.xml manque" in errors_of(make_zip({"index.html": "x"}))


def test_packages_validation_manifest_not_xml():
    assert "pas un XML valide" in errors_of(make_zip({"imsmanifest.xml": "<manifest"}))


def test_packages_validation_manifest_entities_refused():
    """An XML entity expansion (billion laughs) is refused, not expanded."""
    xml = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><manifest>&b;</manifest>'
    )
    assert "pas un XML valide" in errors_of(make_zip({"imsmanifest.xml": xml}))


@pytest.mark.parametrize("version", ["1.1", "CAM 1.2", "2004 5th Edition"])
def test_packages_validation_wrong_schemaversion(version):
    """An unknown SCORM version is refused, saying which ones the campus plays."""
    message = errors_of(scorm_zip(schemaversion=version))
    assert f"Version de SCORM non prise en charge : « {version} »" in message


def test_packages_validation_missing_schemaversion_guessed_from_namespace():
    """Without <schemaversion>, the SCORM 1.2 namespace still tells the version."""
    described = validate(io.BytesIO(scorm_zip(schemaversion="")), name="p.zip")
    assert described.kind == "scorm12"


def test_packages_validation_missing_launch_file():
    """A SCO whose launch file is not in the zip is refused, naming the file."""
    data = make_zip({"imsmanifest.xml": manifest_12(href="missing/start.html")})
    assert "« missing/start.html »" in errors_of(data)


def test_packages_validation_external_launch():
    """A SCO launched from another site is refused."""
    data = make_zip({"imsmanifest.xml": manifest_12(href="https://example.com/sco.html")})
    assert "adresse extérieure" in errors_of(data)


def test_packages_validation_no_sco():
    """A manifest whose items launch nothing is refused."""
    xml = manifest_12().replace(' identifierref="res_1"', "")
    data = make_zip({"imsmanifest.xml": xml, "index.html": "x"})
    assert "aucun SCO" in errors_of(data)


def test_packages_validation_no_organization():
    xml = manifest_12().replace("<organizations", "<nothing").replace("</organizations>", "")
    xml = (
        xml.replace('default="org">', "")
        .replace("<nothing ", "<!-- ")
        .replace("</organization>", "-->")
    )
    assert "aucune organisation" in errors_of(make_zip({"imsmanifest.xml": xml}))


@pytest.mark.parametrize(
    ("href", "parameters", "expected"),
    [
        ("a.html", "", "a.html"),
        ("a.html", "?x=1", "a.html?x=1"),
        ("a.html?y=2", "x=1", "a.html?y=2&x=1"),
        ("a.html", "&x=1", "a.html?x=1"),
        ("a.html", "#part", "a.html#part"),
        ("a.html#top", "#part", "a.html#top"),
    ],
)
def test_packages_validation_join_parameters(href, parameters, expected):
    """Item parameters are joined to the resource href as the SCORM CAM says."""
    assert join_parameters(href, parameters) == expected


# --- H5P -----------------------------------------------------------------------------------


def h5p_zip(*, h5p_json=True, content=True, libraries=("H5P.Test-1.0",), extra=None) -> bytes:
    files = {}
    if h5p_json:
        files["h5p.json"] = json.dumps(
            {
                "title": "Test",
                "mainLibrary": "H5P.Test",
                "preloadedDependencies": [
                    {"machineName": "H5P.Test", "majorVersion": 1, "minorVersion": 0}
                ],
            }
        )
    if content:
        files["content/content.json"] = "{}"
    for folder in libraries:
        name, version = folder.rsplit("-", 1)
        major, minor = version.split(".")
        dependencies = (
            [{"machineName": "H5P.Dep", "majorVersion": 2, "minorVersion": 1}]
            if name == "H5P.Test"
            else []
        )
        files[f"{folder}/library.json"] = json.dumps(
            {
                "machineName": name,
                "majorVersion": int(major),
                "minorVersion": int(minor),
                "preloadedDependencies": dependencies,
            }
        )
    files.update(extra or {})
    return make_zip(files)


def test_packages_validation_h5p_generated_valid():
    described = validate(
        io.BytesIO(h5p_zip(libraries=("H5P.Test-1.0", "H5P.Dep-2.1"))), name="x.h5p"
    )
    assert described.kind == "h5p"
    assert described.title == "Test"


def test_packages_validation_h5p_missing_h5p_json():
    message = errors_of(h5p_zip(h5p_json=False), name="contenu.h5p")
    assert "h5p.json manque" in message


def test_packages_validation_h5p_missing_content_json():
    message = errors_of(h5p_zip(libraries=("H5P.Test-1.0", "H5P.Dep-2.1"), content=False), "x.h5p")
    assert "content/content.json" in message


def test_packages_validation_h5p_missing_dependency_library():
    """A library needed through another library's dependencies must be in the package."""
    message = errors_of(h5p_zip(libraries=("H5P.Test-1.0",)), name="x.h5p")
    assert "La bibliothèque H5P « H5P.Dep-2.1 » manque au paquet" in message


def test_packages_validation_h5p_server_script():
    data = h5p_zip(libraries=("H5P.Test-1.0", "H5P.Dep-2.1"), extra={"H5P.Dep-2.1/x.php": "x"})
    assert "scripts exécutables" in errors_of(data, name="x.h5p")


def test_packages_validation_messages_are_french():
    """Every message is a French sentence, whatever the active language."""
    from django.utils import translation

    with translation.override("fr"):
        message = errors_of(make_zip({"index.html": "x"}))
    assert message.startswith("Le fichier imsmanifest.xml")
    assert zipfile.is_zipfile(io.BytesIO(scorm_zip()))
