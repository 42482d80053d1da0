"""Home page, site pages (footer links), health check and error pages render for anyone."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_views_home_page_renders_in_french_with_dsfr(client):
    """The home page is the Wagtail home page, in French, inside the DSFR header and footer."""
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "fr-header" in html and "fr-footer" in html
    assert "Campus du numérique public" in html
    assert "Se former au numérique public" in html


@pytest.mark.parametrize("name", ["accessibility", "legal_notice", "privacy", "sitemap"])
def test_views_footer_pages_render(client, name):
    """Every mandatory footer link points to a real page."""
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert reverse(name) in client.get("/").content.decode()


def test_views_footer_accessibility_status_is_not_non_conforme(client):
    """The footer states the configured accessibility status, never an empty link."""
    html = client.get("/").content.decode()
    assert "Accessibilité : partiellement conforme" in html
    assert 'href=""' not in html


def test_views_english_is_available(client):
    """The language selector switches the interface to English."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Sign in" in html


def test_views_healthz_reports_database(client):
    """/healthz answers 200 with JSON when the database answers."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "tasks": {"backend": "ImmediateBackend", "status": "ok"},
    }


def test_views_healthz_reports_unreachable_database(client, monkeypatch):
    """/healthz answers 503 when the database does not answer."""
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_views_unknown_page_is_a_french_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_views_cms_redirects_anonymous_to_campus_login(client):
    """The Wagtail admin is reached through the allauth login."""
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/cms/login/?next=/cms/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/cms/"


def test_views_login_page_renders(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert "fr-header" in response.content.decode()
