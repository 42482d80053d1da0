"""Logs a log platform can index: in production, one JSON object a line, one access line per
request (timestamp, level, logger, message, request id, user id — never an e-mail address —,
method, path, status, duration), a request id returned in `X-Request-ID` (the proxy's when it
is a safe token); readable text in development.

The in-process tests format the records with the campus's JSON formatter; the subprocess tests
read what `manage.py` and gunicorn really write on stderr with production settings.
"""

import json
import logging
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from campus.log_format import JSONFormatter
from learners.factories import UserFactory
from tests.campus.test_settings import production_env, run_manage
from tests.network import free_port

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = "camille.durand@numerique.gouv.fr"
GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


class JSONLines(logging.Handler):
    """The lines the campus's JSON formatter writes for the records logged during a test."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.setFormatter(JSONFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))

    def objects(self) -> list[dict]:
        return [json.loads(line) for line in self.lines]

    def access(self) -> list[dict]:
        return [line for line in self.objects() if line["logger"] == "campus.request"]


@pytest.fixture
def json_lines():
    handler = JSONLines()
    root = logging.getLogger()
    access = logging.getLogger("campus.request")
    previous_level = access.level
    access.setLevel(logging.INFO)
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    access.setLevel(previous_level)


@pytest.mark.django_db
@pytest.mark.urls("tests.campus.failing_urls")
def test_request_log_one_json_access_line_without_email(client, json_lines):
    """A signed-in agent's request: one access line with every field, the agent by id; no line
    logged during the request carries her address, not even the error's."""
    agent = UserFactory(email=ADDRESS, first_name="Camille", last_name="Durand")
    client.force_login(agent)
    client.raise_request_exception = False
    response = client.get(f"/panne/{ADDRESS}/", HTTP_X_REQUEST_ID="support-ticket-0042")
    assert response.status_code == 500
    (line,) = json_lines.access()
    assert set(line) == {
        "timestamp",
        "level",
        "logger",
        "message",
        "request_id",
        "user_id",
        "method",
        "path",
        "status",
        "duration_ms",
    }
    assert line["level"] == "INFO"
    assert line["request_id"] == "support-ticket-0042" == response["X-Request-ID"]
    assert line["user_id"] == str(agent.pk)
    assert (line["method"], line["path"], line["status"]) == ("GET", "/panne/[e-mail]/", 500)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$", line["timestamp"])
    error = next(line for line in json_lines.objects() if line["logger"] == "django.request")
    assert error["request_id"] == "support-ticket-0042" and error["user_id"] == str(agent.pk)
    assert "ValueError: No organisation unit for [e-mail]" in error["exception"]
    assert not any(ADDRESS in text or "Durand" in text for text in json_lines.lines)


@pytest.mark.django_db
def test_request_log_anonymous_request(client, json_lines):
    """An anonymous request: a new request id, returned in the header, and no user id."""
    response = client.get("/healthz")
    (line,) = json_lines.access()
    assert GENERATED_ID.match(response["X-Request-ID"])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] is None
    assert (line["path"], line["status"]) == ("/healthz", response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "incoming",
    [
        "short",
        "x" * 129,
        "abc123\r\nSet-Cookie: sessionid=forged",
        '"},{"level":"CRITICAL"',
        "<script>alert(1)</script>",
        "ticket 42 with spaces",
    ],
)
def test_request_log_unsafe_request_id_replaced(client, json_lines, incoming):
    """An incoming X-Request-ID that is not a safe token is replaced by a new id."""
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert GENERATED_ID.match(response["X-Request-ID"])
    assert json_lines.access()[0]["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "incoming", ["7f3c2a9e-1b4d-4c8e-9f00-123456789abc", "0123456789abcdef0123456789abcdef"]
)
def test_request_log_proxy_request_id_kept(client, incoming):
    """A proxy's id (a UUID, nginx's $request_id) is kept, so its logs and ours match."""
    assert client.get("/healthz", HTTP_X_REQUEST_ID=incoming)["X-Request-ID"] == incoming


def test_request_log_production_writes_json_lines(tmp_path):
    """With production settings, what manage.py writes on stderr is one JSON object a line,
    the access line included."""
    code = (
        "from django.test import Client; "
        "Client(HTTP_X_REQUEST_ID='deploy-check-000001').get('/healthz')"
    )
    environment = {**production_env(tmp_path), "ALLOWED_HOSTS": "testserver"}
    result = run_manage("shell", "--no-imports", "-c", code, **environment)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "campus.request"]
    assert [(line["path"], line["request_id"]) for line in access] == [
        ("/healthz", "deploy-check-000001")
    ]


def test_request_log_development_writes_text(tmp_path):
    """In development (DEBUG) the logs stay readable text (here an error: the database is not
    migrated), and runserver, not the access log, prints the requests."""
    code = (
        "from django.test import Client; "
        "Client(raise_request_exception=False).get('/page-qui-n-existe-pas/')"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DEBUG="True",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'dev.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    (line,) = [line for line in lines if " django.request: " in line]
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR django.request: Internal", line)
    assert "Traceback (most recent call last):" in lines
    assert not any("campus.request" in line or line.startswith("{") for line in lines)


def test_request_log_gunicorn_writes_json_lines(tmp_path):
    """gunicorn with the production configuration: its own lines and the campus's access line
    are all one JSON object a line."""
    port = free_port()
    environment = {
        **production_env(tmp_path),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
    }
    environment.pop("REDIS_URL")
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
            [sys.executable, "-m", "gunicorn", "campus.wsgi", "-c", "campus/gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "gunicorn-check-01"}
            )
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                        assert response.headers["X-Request-ID"] == "gunicorn-check-01"
                    break
                except urllib.error.HTTPError as error:  # 503 without the database: still served
                    assert error.headers["X-Request-ID"] == "gunicorn-check-01"
                    break
                except OSError:
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.2)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    loggers = {line["logger"] for line in lines}
    assert {"gunicorn.error", "campus.request"} <= loggers
    (access,) = [line for line in lines if line["logger"] == "campus.request"]
    assert (access["path"], access["request_id"]) == ("/healthz", "gunicorn-check-01")


@pytest.mark.django_db
@pytest.mark.urls("tests.campus.failing_urls")
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "Si le problème persiste, donnez cette référence à l’assistance : "),
        ("en", "If the problem persists, give this reference to the support team: "),
    ],
)
def test_request_log_error_page_gives_the_request_id(client, language, sentence):
    """The 500 page shows the request id, in the agent's language: quoted to the support team,
    it finds the error's log lines and Sentry event."""
    agent = UserFactory(email=ADDRESS)
    client.force_login(agent)
    client.raise_request_exception = False
    response = client.get(f"/panne/{ADDRESS}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 500
    assert sentence + response["X-Request-ID"] in response.content.decode()
