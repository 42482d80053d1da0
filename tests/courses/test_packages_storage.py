"""Content-addressed storage: one row and one folder per file content, atomic extraction, and
files kept while a page, a revision or an attempt refers to them."""

import io
import shutil
import zipfile

import pytest

from courses.factories import CourseFactory, ScormActivityFactory, TrainingPathFactory
from courses.models import ContentPackage
from courses.packages import InvalidPackage, prune_unused_packages, storage, store_package
from tests.packages import H5P_TRUEFALSE, SCORM12, real_package, scorm_zip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path):
    settings.PACKAGE_ROOT = tmp_path / "packages"
    return settings.PACKAGE_ROOT


def upload(data: bytes, name="module.zip"):
    file = io.BytesIO(data)
    file.name = name
    return file


def test_packages_storage_real_package_extracted(package_root):
    """A real package is extracted under PACKAGE_ROOT/<sha256>/ with its files."""
    package = store_package(real_package(SCORM12))
    assert package.kind == "scorm12"
    assert package.folder == package_root / package.sha256
    assert (package.folder / "imsmanifest.xml").is_file()
    assert (package.folder / "shared" / "launchpage.html").is_file()
    assert sum(1 for p in package.folder.rglob("*") if p.is_file()) == package.file_count


def test_packages_storage_same_upload_stored_once(package_root):
    """The same file uploaded twice (even under another name) gives one row and one folder."""
    first = store_package(upload(scorm_zip(), "a.zip"))
    second = store_package(upload(scorm_zip(), "b.zip"))
    assert first.pk == second.pk
    assert ContentPackage.objects.count() == 1
    assert [p.name for p in package_root.iterdir()] == [first.sha256]


def test_packages_storage_other_content_other_folder(package_root):
    first = store_package(upload(scorm_zip()))
    second = store_package(real_package(H5P_TRUEFALSE))
    assert first.sha256 != second.sha256
    assert {p.name for p in package_root.iterdir()} == {first.sha256, second.sha256}


def test_packages_storage_missing_folder_extracted_again(package_root):
    """A row whose folder went missing (a lost volume) gets its files back on re-upload."""
    package = store_package(upload(scorm_zip()))
    shutil.rmtree(package.folder)
    again = store_package(upload(scorm_zip()))
    assert again.pk == package.pk
    assert (package.folder / "index.html").read_text() == "<p>SCO</p>"


def test_packages_storage_invalid_leaves_nothing(package_root):
    """A refused package writes no row and no file."""
    with pytest.raises(InvalidPackage):
        store_package(upload(scorm_zip(extra={"../x.html": "x"})))
    assert ContentPackage.objects.count() == 0
    assert not package_root.exists() or not any(package_root.iterdir())


def test_packages_storage_extraction_is_atomic(package_root, monkeypatch):
    """An extraction that fails half-way leaves neither the folder nor its temporary copy."""
    real_chmod = storage.os.chmod
    calls = []

    def failing_chmod(path, mode):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_chmod(path, mode)

    monkeypatch.setattr(storage.os, "chmod", failing_chmod)
    with pytest.raises(OSError, match="disk full"):
        store_package(upload(scorm_zip(extra={"a.html": "a", "b.html": "b"})))
    assert ContentPackage.objects.count() == 0
    assert list(package_root.iterdir()) == []


def test_packages_storage_corrupt_entry_refused(package_root):
    """An entry whose data does not match its checksum is refused at extraction."""
    data = bytearray(scorm_zip(extra={"page.html": "A" * 2000}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("page.html")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5] ^= 0xFF
    with pytest.raises(InvalidPackage) as raised:
        store_package(upload(bytes(data)))
    assert "endommagée" in raised.value.errors[0]
    assert list(package_root.iterdir()) == []


def test_packages_storage_kept_while_a_revision_uses_it(package_root):
    """Replacing a page's package keeps the old files while a revision refers to them."""
    old = store_package(upload(scorm_zip()))
    new = store_package(real_package(SCORM12))
    unused = store_package(upload(scorm_zip(extra={"other.html": "x"})))
    module = CourseFactory(parent=TrainingPathFactory())
    page = ScormActivityFactory(parent=module, package=old)
    page.save_revision()
    page.package = new
    page.save_revision()

    assert prune_unused_packages() == 1  # only the package nothing refers to
    assert not unused.folder.exists()
    assert old.folder.is_dir() and new.folder.is_dir()
    assert set(ContentPackage.objects.values_list("pk", flat=True)) == {old.pk, new.pk}

    page.save()  # the page itself now refers to the new package
    page.revisions.exclude(pk=page.latest_revision.pk).delete()
    assert prune_unused_packages() == 1
    assert not old.folder.exists()
    assert new.folder.is_dir()


def test_packages_storage_kept_while_an_attempt_uses_it(package_root):
    """A package an agent's attempt refers to is never deleted (PROTECT)."""
    from learners.factories import PackageAttemptFactory, UserFactory

    package = store_package(upload(scorm_zip()))
    path = TrainingPathFactory()
    page = ScormActivityFactory(parent=CourseFactory(parent=path), package=package)
    PackageAttemptFactory(user=UserFactory(), activity=page, path=path, package=package)
    page.package = None
    page.save()
    page.revisions.all().delete()
    assert prune_unused_packages() == 0
    assert package.folder.is_dir()


def test_packages_storage_prune_command(package_root):
    """`manage.py prune_packages` deletes the unused packages and says how many."""
    from django.core.management import call_command

    package = store_package(upload(scorm_zip()))
    out = io.StringIO()
    call_command("prune_packages", stdout=out)
    assert out.getvalue().strip() == "1 package(s) deleted."
    assert not package.folder.exists()
    assert not ContentPackage.objects.exists()
