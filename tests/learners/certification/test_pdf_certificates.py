"""The certificate's PDF: its text, page format, fonts, QR code and storage.

The text is extracted with pypdf. The QR code is checked by regenerating it from the
verification URL (the SVG in the PDF's HTML must be exactly that code) and, where poppler-utils
and zbar-tools are installed, by decoding it from the rasterised PDF.
"""

import io
import os
import shutil
import subprocess

import pytest
import segno
from pypdf import PdfReader

from learners.certification import pdf
from learners.certification.models import Certificate
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(django_capture_on_commit_callbacks) -> Certificate:
    path = learning_path(title="Cybersécurité : les bons réflexes")
    path.certificate_validity_months = 36
    from courses.factories import publish

    publish(path)
    return certified(agent(), path, django_capture_on_commit_callbacks)


def test_pdf_certificates_text_has_name_path_code_and_issuer(certificate, settings):
    """The PDF names the holder, the path, the hours, the dates, the code and the issuer."""
    settings.CERTIFICATE_ISSUER_NAME = "Campus du numérique public — DINUM"
    reader = PdfReader(io.BytesIO(pdf.render_pdf(certificate)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Camille Martin" in text
    assert "Cybersécurité : les bons réflexes" in text
    assert certificate.display_code in text
    assert "Campus du numérique public — DINUM" in text
    assert certificate.duration_hours in text
    assert "Valable jusqu’au" in text


def test_pdf_certificates_a4_landscape_with_marianne(certificate):
    """A4 landscape (842 × 595 pt), with the Marianne font embedded."""
    reader = PdfReader(io.BytesIO(pdf.render_pdf(certificate)))
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)
    fonts = {
        str(font["/BaseFont"])
        for font in (obj.get_object() for obj in page["/Resources"]["/Font"].values())
    }
    assert any("Marianne" in name for name in fonts), fonts


def test_pdf_certificates_qr_code_points_to_the_verification_url(certificate):
    """The QR code encodes the absolute verification URL, and is the one in the document."""
    url = pdf.verification_url(certificate)
    assert url == f"http://testserver/certificats/verifier/{certificate.public_id}/"
    qr = pdf.qr_code(url)
    assert qr.designator.endswith("M")  # medium error correction, readable when printed
    expected = segno.make(url, error="m", micro=False)
    assert qr.matrix == expected.matrix
    html = pdf.certificate_html(certificate)
    assert pdf.qr_svg(url) in html
    assert url in html


def test_pdf_certificates_stored_once_and_regenerated_when_missing(certificate):
    """Issuance stored the PDF; a missing file is rendered again; no partial file is left."""
    storage = certificate.pdf.storage
    name = certificate.pdf.name
    assert storage.exists(name)
    assert pdf.ensure_pdf(certificate) == name  # already there: nothing rendered
    os.unlink(storage.path(name))
    assert pdf.ensure_pdf(certificate) == name
    assert storage.exists(name)
    folder = os.path.dirname(storage.path(name))
    assert not [f for f in os.listdir(folder) if f.endswith(".part")]
    with storage.open(name, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_pdf_certificates_private_storage_outside_media(certificate, settings):
    """PDFs live under PRIVATE_MEDIA_ROOT, not under MEDIA_ROOT, and have no public URL."""
    path = certificate.pdf.storage.path(certificate.pdf.name)
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert certificate.pdf.storage.base_url is None


def test_pdf_certificates_download_is_the_stored_file(client, certificate):
    """The agent downloads the stored file (an attachment named after the code)."""
    client.force_login(certificate.user)
    response = client.get(f"/mon-espace/certificats/{certificate.public_id}/attestation.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="certificat-{certificate.display_code}.pdf"'
    )
    body = b"".join(response.streaming_content)
    with certificate.pdf.storage.open(certificate.pdf.name, "rb") as handle:
        assert body == handle.read()


def test_pdf_certificates_download_renders_a_missing_file(client, certificate):
    """A PDF lost from storage (or never rendered) is rendered on download."""
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    os.unlink(certificate.pdf.storage.path(certificate.pdf.name))
    client.force_login(certificate.user)
    response = client.get(f"/mon-espace/certificats/{certificate.public_id}/attestation.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    certificate.refresh_from_db()
    assert certificate.pdf.name


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="decoding the printed QR code needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)",
)
def test_pdf_certificates_printed_qr_code_decodes_to_the_verification_url(certificate, tmp_path):
    """Rasterised like a print, the PDF's QR code reads back as the verification URL."""
    document = tmp_path / "certificat.pdf"
    document.write_bytes(pdf.render_pdf(certificate))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(document), str(tmp_path / "page")], check=True
    )
    (image,) = tmp_path.glob("page*.png")
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == pdf.verification_url(certificate)
