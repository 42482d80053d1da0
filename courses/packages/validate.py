"""`validate(file)`: is this upload a SCORM 1.2, SCORM 2004 or H5P package the campus can play?

Every problem found is reported at once, in French, for the trainer who uploaded the file.
"""

import os
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from courses.packages.h5p import parse_h5p
from courses.packages.scorm_manifest import parse_manifest
from courses.packages.zipcheck import check_archive

H5P = "h5p"
MAX_MANIFEST_BYTES = 10 * 1024 * 1024


class InvalidPackage(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(" ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class PackageDescription:
    kind: str  # "scorm12", "scorm2004" or "h5p"
    title: str
    schema_version: str
    structure: dict
    size: int
    file_count: int


def validate(file, *, name: str | None = None) -> PackageDescription:
    """Describe the package in `file` (a path, an uploaded file or a binary file object).

    Raises `InvalidPackage` with the French errors. The file is left at its start.
    """
    name = (name or getattr(file, "name", "") or str(file)).lower()
    size = _size(file)
    if size > settings.PACKAGE_MAX_UPLOAD_BYTES:
        raise InvalidPackage(
            [
                _("Le fichier pèse %(size)s ; un paquet pèse %(max)s au plus.")
                % {
                    "size": filesizeformat(size),
                    "max": filesizeformat(settings.PACKAGE_MAX_UPLOAD_BYTES),
                }
            ]
        )
    try:
        with zipfile.ZipFile(file) as archive:
            return _describe(archive, name, size)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError):
        raise InvalidPackage(
            [
                _(
                    "Ce fichier n’est pas une archive zip lisible. Déposez le paquet tel que "
                    "l’outil auteur l’exporte (.zip pour SCORM, .h5p pour H5P)."
                )
            ]
        ) from None
    finally:
        if hasattr(file, "seek"):
            file.seek(0)


def _size(file) -> int:
    if hasattr(file, "size") and file.size is not None:
        return file.size
    if hasattr(file, "seek"):
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
        return size
    return os.path.getsize(file)


def _describe(archive: zipfile.ZipFile, name: str, size: int) -> PackageDescription:
    names, errors = check_archive(archive, size)
    if errors:
        raise InvalidPackage(errors)
    if "imsmanifest.xml" in names and not name.endswith(".h5p"):
        info = names["imsmanifest.xml"]
        if info.file_size > MAX_MANIFEST_BYTES:
            raise InvalidPackage([_("Le fichier imsmanifest.xml est anormalement gros.")])
        manifest = parse_manifest(archive.read(info), set(names))
        if manifest.errors:
            raise InvalidPackage(manifest.errors)
        kind, title = manifest.kind, manifest.title
        version, structure = manifest.schema_version, manifest.structure()
    elif "h5p.json" in names or name.endswith(".h5p"):
        h5p = parse_h5p(archive, names)
        if h5p.errors:
            raise InvalidPackage(h5p.errors)
        kind, title, version, structure = H5P, h5p.title, "", h5p.structure()
    else:
        raise InvalidPackage(
            [
                _(
                    "Le fichier imsmanifest.xml manque à la racine du paquet : ce n’est pas un "
                    "paquet SCORM (ni un contenu H5P, qui aurait un fichier h5p.json)."
                )
            ]
        )
    return PackageDescription(
        kind=kind,
        title=title[:255],
        schema_version=version,
        structure=structure,
        size=sum(info.file_size for info in names.values()),
        file_count=len(names),
    )
