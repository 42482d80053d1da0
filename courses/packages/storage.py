"""Content-addressed storage of packages: `PACKAGE_ROOT/<sha256 of the uploaded file>/`.

The same file uploaded twice is stored once (one `ContentPackage` row, one folder). Extraction
is atomic: into a temporary folder next to the final one, then renamed, so that a reader never
sees half a package and a failed extraction leaves nothing behind. A folder is kept as long as
a page, one of its revisions or an attempt refers to its package (`prune_unused_packages`).
"""

import hashlib
import logging
import os
import shutil
import uuid
import zipfile
import zlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from courses.packages.validate import InvalidPackage, validate
from courses.packages.zipcheck import safe_name

logger = logging.getLogger(__name__)
CHUNK = 1024 * 1024


def package_folder(sha256: str) -> Path:
    return Path(settings.PACKAGE_ROOT) / sha256


def _package_model():
    # Through the registry: this package sits below the models (`.importlinter`).
    return apps.get_model("courses", "ContentPackage")


def file_sha256(file) -> str:
    digest = hashlib.sha256()
    if isinstance(file, (str, Path)):
        with open(file, "rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def store_package(file, user=None, *, name: str | None = None):
    """The `ContentPackage` of `file`, validated and extracted once.

    `file` is an uploaded file, a binary file object or a path. Raises `InvalidPackage` (French
    errors). An identical file already stored returns its row (extracting it again if its
    folder went missing).
    """
    if isinstance(file, (str, Path)):
        with open(file, "rb") as handle:
            return store_package(handle, user, name=name or Path(file).name)
    ContentPackage = _package_model()
    sha256 = file_sha256(file)
    existing = ContentPackage.objects.filter(sha256=sha256).first()
    if existing is not None and package_folder(sha256).is_dir():
        return existing
    description = validate(file, name=name)
    extract(file, package_folder(sha256))
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ContentPackage.objects.create(
                sha256=sha256,
                kind=description.kind,
                title=description.title,
                schema_version=description.schema_version,
                structure=description.structure,
                size=description.size,
                file_count=description.file_count,
                uploaded_by=user if user is not None and user.is_authenticated else None,
            )
    except IntegrityError:  # the same file, uploaded at the same moment by someone else
        return ContentPackage.objects.get(sha256=sha256)


def extract(file, target: Path) -> None:
    """Extract the (validated) archive into `target`, atomically; nothing if it exists."""
    if target.is_dir():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".tmp-{target.name}-{uuid.uuid4().hex}"
    temporary.mkdir()
    budget = settings.PACKAGE_MAX_UNCOMPRESSED_BYTES
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            for info in archive.infolist():
                name = safe_name(info.filename)
                if name is None or info.is_dir():
                    continue
                destination = temporary / name
                if not destination.resolve().is_relative_to(temporary.resolve()):
                    raise InvalidPackage([f"unsafe path {info.filename!r}"])
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, open(destination, "wb") as out:
                    for chunk in iter(lambda source=source: source.read(CHUNK), b""):
                        budget -= len(chunk)
                        if budget < 0:
                            raise InvalidPackage(["uncompressed size over the limit"])
                        out.write(chunk)
                os.chmod(destination, 0o644)
        try:
            temporary.rename(target)
        except OSError:
            if not target.is_dir():  # not a concurrent extraction of the same file
                raise
    except (zipfile.BadZipFile, zlib.error, EOFError, InvalidPackage) as error:
        logger.warning("Package extraction refused: %s", error)
        raise InvalidPackage(
            [_("Le paquet n’a pas pu être décompressé : l’archive est endommagée.")]
        ) from error
    finally:
        file.seek(0)
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


def packages_in_use() -> set[int]:
    """Ids of the packages a page or a page revision refers to."""
    Revision = apps.get_model("wagtailcore", "Revision")
    used = set()
    for model in apps.get_models():
        if model._meta.app_label == "courses" and any(
            getattr(f, "related_model", None) is _package_model() and f.name == "package"
            for f in model._meta.fields
        ):
            used |= set(model.objects.exclude(package=None).values_list("package_id", flat=True))
    for content in Revision.objects.filter(content__has_key="package").values_list(
        "content", flat=True
    ):
        if isinstance(content.get("package"), int):
            used.add(content["package"])
    return used


def prune_unused_packages() -> int:
    """Delete the packages (rows and folders) nothing refers to; returns how many."""
    used = packages_in_use()
    deleted = 0
    for package in _package_model().objects.exclude(pk__in=used):
        try:
            with transaction.atomic():
                package.delete()  # PROTECTed by attempts (learners) that refer to it
        except ProtectedError:
            continue
        shutil.rmtree(package_folder(package.sha256), ignore_errors=True)
        deleted += 1
    return deleted
