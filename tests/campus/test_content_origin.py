"""The content origin (campus/content_origin.py): package files, the player page and the vendored
runtimes exist only there, with their own Content-Security-Policy and no cookie; the campus's
pages may frame it and nothing else."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import Error, Warning
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from campus import checks, content_origin
from courses.packages import store_package
from tests.packages import real_package

pytestmark = pytest.mark.django_db

CONTENT = "http://127.0.0.1:8001"
CAMPUS_HOST = "localhost:8001"


def _real(name: str) -> Path:
    return real_package(name)


@pytest.fixture
def scorm12(settings):
    settings.CONTENT_ORIGIN = CONTENT
    settings.SITE_URL = f"http://{CAMPUS_HOST}"
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    path = _real("RuntimeBasicCalls_SCORM12.zip")
    return store_package(SimpleUploadedFile(path.name, path.read_bytes()))


def content_get(client, url, **extra):
    return client.get(url, HTTP_HOST="127.0.0.1:8001", **extra)


def test_package_files_are_served_on_the_content_origin_only(client, scorm12):
    url = f"/paquets/{scorm12.sha256}/shared/launchpage.html"
    response = content_get(client, url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert f"frame-ancestors 'self' http://{CAMPUS_HOST}" in policy
    assert "connect-src 'self'" in policy
    assert not response.cookies
    script = content_get(client, f"/paquets/{scorm12.sha256}/shared/scormfunctions.js")
    assert script["Content-Type"] == "text/javascript"

    # On the campus's host, the same path does not exist.
    assert client.get(url, HTTP_HOST=CAMPUS_HOST).status_code == 404


def test_paths_outside_the_package_are_refused(client, scorm12):
    sha = scorm12.sha256
    for path in ("../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "shared/", "nope.html"):
        assert content_get(client, f"/paquets/{sha}/{path}").status_code == 404, path
    assert content_get(client, f"/paquets/{'0' * 64}/shared/launchpage.html").status_code == 404


def test_the_campus_is_not_served_on_the_content_origin(client, scorm12):
    for path in ("/", "/comptes/login/", "/cms/", "/healthz"):
        response = content_get(client, path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("text/plain")


def test_player_page_and_runtimes(client, scorm12):
    response = content_get(client, f"/lecteur/{scorm12.sha256}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/vendor/scorm-again/dist/scorm12.min.js" in html
    assert "/lecteur/runtime.js" in html
    assert f'"campus_origin": "http://{CAMPUS_HOST}"' in html
    runtime = content_get(client, "/lecteur/runtime.js")
    assert runtime.status_code == 200
    assert runtime["Content-Type"] == "text/javascript"
    vendor = Path(settings.BASE_DIR) / "vendor" / "scorm-again" / "dist" / "scorm12.min.js"
    if vendor.exists():
        assert content_get(client, "/vendor/scorm-again/dist/scorm12.min.js").status_code == 200
    assert content_get(client, "/vendor/../vendor.lock.json").status_code == 404


def test_campus_pages_may_frame_the_content_origin_only(client, settings):
    settings.CONTENT_ORIGIN = CONTENT
    response = client.get("/catalogue/")
    policy = response["Content-Security-Policy"]
    frame_src = next(d for d in policy.split(";") if d.strip().startswith("frame-src"))
    assert CONTENT in frame_src
    assert "frame-ancestors 'none'" in policy


def test_derived_origins_in_development(settings):
    settings.CONTENT_ORIGIN = ""
    settings.SITE_URL = "http://testserver"
    factory = RequestFactory()
    campus = factory.get("/", HTTP_HOST="localhost:8000")
    content = factory.get("/", HTTP_HOST="127.0.0.1:8000")
    assert content_origin.content_origin(campus) == "http://127.0.0.1:8000"
    assert not content_origin.is_content_request(campus)
    assert content_origin.is_content_request(content)
    assert content_origin.campus_origin(content) == "http://localhost:8000"
    # `make run` serves the campus on 127.0.0.1 (SITE_URL): the content is then on localhost.
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert content_origin.content_origin(content) == "http://localhost:8000"
    assert not content_origin.is_content_request(content)


def test_deploy_check_of_the_content_origin(settings):
    settings.SITE_URL = "https://campus.example"
    settings.CONTENT_ORIGIN = ""
    assert [m.id for m in checks.check_content_origin(None)] == ["campus.W002"]
    assert isinstance(checks.check_content_origin(None)[0], Warning)
    settings.CONTENT_ORIGIN = "https://campus.example"
    found = checks.check_content_origin(None)
    assert [m.id for m in found] == ["campus.E002"] and isinstance(found[0], Error)
    settings.CONTENT_ORIGIN = "http://contenus.campus.example"
    assert [m.id for m in checks.check_content_origin(None)] == ["campus.E004"]
    settings.CONTENT_ORIGIN = "https://contenus.campus.example"
    assert checks.check_content_origin(None) == []
    settings.SESSION_COOKIE_DOMAIN = ".campus.example"
    assert [m.id for m in checks.check_content_origin(None)] == ["campus.E003"]
