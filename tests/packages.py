"""Helpers of the SCORM and H5P tests: the real packages, and small hostile ones built here.

The real packages are not in the repository: `CONTENT_PACKAGES_DIR` (setting or environment;
default `<repository>/../shared/content-packages`). Tests that need one are skipped, saying
why, when it is absent.
"""

import io
import os
import zipfile
from pathlib import Path

import pytest

from courses.factories import (
    ContentPackageFactory,
    CourseFactory,
    H5PActivityFactory,
    ScormActivityFactory,
    TrainingPathFactory,
    content_packages_dir,
    publish,
)

SCORM12 = "RuntimeBasicCalls_SCORM12.zip"
SCORM12_MULTI = "RuntimeMinimumCalls_SCORM12.zip"
SCORM2004 = "RuntimeBasicCalls_SCORM20043rdEdition.zip"
SCORM2004_ROLLUP = "SequencingPostTestRollup_SCORM20043rdEdition.zip"
SCORM2004_4TH = "SequencingPostTestRollup4thEd_SCORM20044thEdition.zip"
H5P_TRUEFALSE = "h5p-truefalse-hello-world.h5p"
H5P_QUESTIONSET = "h5p-questionset-multichoice.h5p"


def real_package(name: str) -> Path:
    """The path of a real package, or skip the test when the folder is absent."""
    path = content_packages_dir() / name
    if not path.exists():
        missing = (
            f"{path} not found: set CONTENT_PACKAGES_DIR to the folder of the real SCORM and "
            "H5P packages (docs/content-packages.md)."
        )
        # CI (`.ci/run`) requires them where they are found: no silent skip.
        if os.environ.get("PACKAGES") == "required":
            pytest.fail(missing)
        pytest.skip(missing)
    return path


def stored(name: str):
    return ContentPackageFactory.from_file(real_package(name))


def package_path(*packages, pass_mark=None, required=True):
    """A published path with one module holding one activity per package, in order."""
    path = TrainingPathFactory()
    module = CourseFactory(parent=path)
    for package in packages:
        factory = H5PActivityFactory if package.kind == "h5p" else ScormActivityFactory
        factory(parent=module, package=package, pass_mark=pass_mark, required=required)
    publish(path)
    return path


def make_zip(files: dict[str, bytes | str], *, symlinks: dict[str, str] | None = None) -> bytes:
    """A zip built in memory: {name: content}; `symlinks`: {name: target} as symlink entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16) | 0
            archive.writestr(info, target)
    return buffer.getvalue()


def manifest_12(*, schemaversion="1.2", href="index.html", scormtype="sco", items=None) -> str:
    version = f"<schemaversion>{schemaversion}</schemaversion>" if schemaversion else ""
    items = items or [("item_1", "res_1", "Introduction")]
    item_xml = "".join(
        f'<item identifier="{i}" identifierref="{r}"><title>{t}</title></item>' for i, r, t in items
    )
    resources = "".join(
        f'<resource identifier="{r}" type="webcontent" adlcp:scormtype="{scormtype}" '
        f'href="{href}"><file href="{href}"/></resource>'
        for _i, r, _t in items
    )
    return f"""<?xml version="1.0"?>
<manifest identifier="m" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema>{version}</metadata>
  <organizations default="org"><organization identifier="org"><title>Cours</title>
  {item_xml}</organization></organizations>
  <resources>{resources}</resources>
</manifest>"""


def scorm_zip(extra: dict | None = None, **manifest) -> bytes:
    return make_zip(
        {"imsmanifest.xml": manifest_12(**manifest), "index.html": "<p>SCO</p>", **(extra or {})}
    )
