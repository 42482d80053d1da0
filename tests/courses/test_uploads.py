"""The media library refuses unsafe or oversized files, whatever the upload route."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file_jpeg
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", get_test_image_file_jpeg().file.getvalue(), "image/jpeg")


def upload_image(client, file):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Image", "file": file, "collection": Collection.get_first_root_node().pk},
    )


def upload_document(client, file):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Document", "file": file, "collection": Collection.get_first_root_node().pk},
    )


def test_uploads_trainer_adds_a_pdf_and_a_jpeg(client, trainer):
    """Allowed types within the limits are accepted (trainers may add media)."""
    client.force_login(trainer)
    assert upload_document(client, SimpleUploadedFile("fiche.pdf", PDF)).status_code == 302
    assert upload_image(client, jpeg()).status_code == 302
    assert get_document_model().objects.count() == 1
    assert get_image_model().objects.count() == 1


def test_uploads_svg_image_is_refused(client, trainer):
    """SVG may carry scripts: it is not an accepted image type."""
    client.force_login(trainer)
    response = upload_image(
        client, SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


def test_uploads_oversized_image_is_refused(client, trainer, settings):
    """Images above WAGTAILIMAGES_MAX_UPLOAD_SIZE are refused."""
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    client.force_login(trainer)
    response = upload_image(client, jpeg())
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("name", ["outil.exe", "page.html", "logo.svg", "macro.docm"])
def test_uploads_document_types_outside_the_allowlist_are_refused(client, trainer, name):
    """Only pdf, odt, ods, odp, docx, xlsx, pptx, csv, txt, zip (and lesson media) are accepted."""
    client.force_login(trainer)
    response = upload_document(client, SimpleUploadedFile(name, b"content"))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_uploads_oversized_document_is_refused(client, trainer, settings):
    """Documents above DOCUMENT_MAX_UPLOAD_SIZE are refused with the limit in the message."""
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 10
    client.force_login(trainer)
    response = upload_document(client, SimpleUploadedFile("gros.pdf", PDF))
    assert response.status_code == 200
    assert "la taille maximale est de 10" in str(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()


def test_uploads_media_files_have_their_own_limit(client, trainer, settings):
    """Audio and video files use MEDIA_FILE_MAX_UPLOAD_SIZE, not the documents' limit."""
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 10
    settings.MEDIA_FILE_MAX_UPLOAD_SIZE = 1000
    client.force_login(trainer)
    assert (
        upload_document(client, SimpleUploadedFile("extrait.mp3", b"ID3" + b"0" * 50)).status_code
        == 302
    )
    settings.MEDIA_FILE_MAX_UPLOAD_SIZE = 10
    response = upload_document(client, SimpleUploadedFile("video.mp4", b"0" * 50))
    assert response.status_code == 200


def test_uploads_multiple_upload_applies_the_same_checks(client, trainer, settings):
    """The drag-and-drop upload goes through the same form and limits."""
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 10
    client.force_login(trainer)
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("gros.pdf", PDF)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()
