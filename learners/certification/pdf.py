"""The certificate's PDF: an HTML template in the DSFR style rendered by WeasyPrint.

A4 landscape, Marianne font (django-dsfr's files, read from disk: the rendering fetches nothing
from the network), and a QR code (segno, SVG) pointing to the public verification page.

The PDF is stored in private storage (`PRIVATE_MEDIA_ROOT/certificats/`), written atomically
(temporary file, then rename), so a worker killed halfway leaves no partial file; the download
view serves the stored file and renders it first if it is missing.
"""

from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from learners.certification.models import Certificate, certificate_pdf_name

FONT_FILES = {
    ("normal", 400): "Marianne-Regular.woff",
    ("italic", 400): "Marianne-Regular_Italic.woff",
    ("normal", 500): "Marianne-Medium.woff",
    ("normal", 700): "Marianne-Bold.woff",
}


def verification_url(certificate: Certificate) -> str:
    """What the QR code says: the absolute address of the certificate's verification page."""
    return settings.SITE_URL + reverse("certificate_verify_detail", args=[certificate.public_id])


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG (black on white, 4-module quiet zone)."""
    return qr_code(url).svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True)


def font_faces() -> list[dict]:
    """Marianne's files from django-dsfr's static files, as file:// URLs."""
    faces = []
    for (style, weight), filename in FONT_FILES.items():
        found = finders.find(f"dsfr/dist/fonts/{filename}")
        if found:
            faces.append({"style": style, "weight": weight, "url": Path(found).as_uri()})
    return faces


def certificate_html(certificate: Certificate) -> str:
    url = verification_url(certificate)
    with translation.override("fr"):
        return render_to_string(
            "learners/certification/certificate_pdf.html",
            {
                "certificate": certificate,
                "verification_url": url,
                "qr_svg": qr_svg(url),
                "font_faces": font_faces(),
                "issuer_name": settings.CERTIFICATE_ISSUER_NAME,
                "brand": settings.CAMPUS_BRAND,
            },
        )


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF bytes (local files only; a missing resource fails loudly)."""
    # Imported here: WeasyPrint parses its stylesheets on import, which every process need not do.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    document = HTML(string=certificate_html(certificate), url_fetcher=fetcher)
    return document.write_pdf()


def ensure_pdf(certificate: Certificate, *, force: bool = False) -> str:
    """Store the certificate's PDF unless it is already there; returns its storage name."""
    storage = certificate.pdf.storage
    name = certificate.pdf.name or certificate_pdf_name(certificate, "")
    if not force and certificate.pdf.name and storage.exists(name):
        return name
    storage.save_atomically(name, render_pdf(certificate))
    Certificate.objects.filter(pk=certificate.pk).update(pdf=name)
    certificate.pdf.name = name
    return name
