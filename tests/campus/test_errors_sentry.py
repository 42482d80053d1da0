"""With SENTRY_DSN set, an unhandled error reaches Sentry without the agent's personal data.

End to end: sentry-sdk is initialised by the campus's own `init_sentry` with a DSN pointing at
a fake Sentry ingestion server on loopback (tests/campus/fake_sentry.py), a signed-in agent
requests a view that raises with her e-mail address in the message, and the envelope the
server receives is read back.
"""

from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from campus.error_reporting import init_sentry
from learners.factories import UserFactory
from tests.campus.fake_sentry import FakeSentry

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.campus.failing_urls")]

ADDRESS = "camille.durand@numerique.gouv.fr"


@pytest.fixture
def fake_sentry():
    server = FakeSentry()
    server.start()
    init_sentry(dsn=server.dsn, traces_sample_rate=1.0, environment="test")
    yield server
    sentry_sdk.get_client().close(timeout=2)
    sentry_sdk.get_global_scope().set_client(None)
    server.stop()


@pytest.fixture
def agent():
    return UserFactory(email=ADDRESS, first_name="Camille", last_name="Durand")


def test_errors_sentry_event_without_personal_data(client, fake_sentry, agent):
    """The event names the exception and the agent's id, never her address, name or cookies."""
    client.force_login(agent)
    client.raise_request_exception = False
    response = client.get(
        f"/panne/{ADDRESS}/?copie={ADDRESS}",
        HTTP_AUTHORIZATION="Bearer secret-jeton-de-test",
        HTTP_X_REQUEST_ID="ticket-support-1234",
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)

    envelope, event = fake_sentry.wait_for_event()
    (exception,) = event["exception"]["values"]
    assert exception["type"] == "ValueError"
    assert "No organisation unit for" in exception["value"]
    assert event["user"] == {"id": str(agent.pk)}
    assert event["tags"]["request_id"] == "ticket-support-1234"
    assert event["environment"] == "test"
    session_cookie = client.cookies["sessionid"].value
    for personal in (ADDRESS, "camille.durand%40", "Camille", "Durand", session_cookie):
        assert personal not in envelope.raw, personal
    assert "secret-jeton-de-test" not in envelope.raw
    assert "Cookie" not in event["request"].get("headers", {})


def wsgi_get(path: str, cookies: str) -> str:
    """GET `path` through Django's WSGI handler, as gunicorn calls it (the test client does not
    go through it, and sentry-sdk starts its transactions there); the response's status."""
    statuses = []
    environ = {}
    setup_testing_defaults(environ)
    environ.update(PATH_INFO=path, HTTP_HOST="testserver", HTTP_COOKIE=cookies)
    # As the test client does: the test's transaction keeps its database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers, *_: statuses.append(status))
        try:
            b"".join(response)
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return statuses[0]


def test_errors_sentry_requests_traced(client, fake_sentry, agent):
    """Requests are traced at SENTRY_TRACES_SAMPLE_RATE: the transaction reaches Sentry named
    after the URL pattern, its duration known, without the address in its URL."""
    client.force_login(agent)
    status = wsgi_get(f"/panne/{ADDRESS}/", f"sessionid={client.cookies['sessionid'].value}")
    assert status.startswith("500")
    sentry_sdk.flush(timeout=5)
    transactions = [
        payload
        for envelope in fake_sentry.envelopes
        for header, payload in envelope.items
        if header.get("type") == "transaction"
    ]
    assert len(transactions) == 1, fake_sentry.envelopes
    (transaction,) = transactions
    assert transaction["transaction"] == "/panne/{address}/"
    assert transaction["timestamp"] > transaction["start_timestamp"]
    assert transaction["user"] == {"id": str(agent.pk)}
    assert not any(ADDRESS in envelope.raw for envelope in fake_sentry.envelopes)


def test_errors_sentry_anonymous_event_names_no_user(client, fake_sentry, agent):
    """An anonymous visitor's error names no user, even where the scope is shared between
    requests (the test client, a management command) and still holds the previous one's."""
    client.force_login(agent)
    client.raise_request_exception = False
    client.get(f"/panne/{ADDRESS}/")
    sentry_sdk.flush(timeout=5)
    fake_sentry.envelopes.clear()
    client.logout()
    assert client.get("/panne/inconnu/").status_code == 500
    sentry_sdk.flush(timeout=5)
    _envelope, event = fake_sentry.wait_for_event()
    assert "user" not in event
