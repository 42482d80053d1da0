"""Behind the reverse proxy, every limiter counts each visitor by their own address.

`TRUSTED_PROXY_COUNT` (the proxies that append to X-Forwarded-For) or `TRUSTED_CLIENT_IP_HEADER`
(the header a trusted proxy sets) tell the campus where the client's address is; allauth's
login limits, the certificate lookups and the audit log all read it the same way
(`learners.common.requests.client_ip`). With neither, X-Forwarded-For is ignored: anyone can
write it.
"""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.urls import reverse

from learners.common.requests import client_ip
from learners.factories import DEMO_PASSWORD, UserFactory
from learners.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

PROXY = "10.1.0.1"  # the reverse proxy, as gunicorn sees it
TOO_MANY = "Trop de tentatives de connexion"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def fail_login(client, email, **headers):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": "pas-le-bon-mot-de-passe"},
        REMOTE_ADDR=PROXY,
        **headers,
    )


def login(client, user, **headers):
    return client.post(
        reverse("account_login"),
        {"login": user.email, "password": DEMO_PASSWORD},
        REMOTE_ADDR=PROXY,
        **headers,
    )


def twenty_failures_from_twenty_visitors(client):
    for number in range(20):
        response = fail_login(
            client,
            f"inconnu{number}@numerique.gouv.fr",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number + 1}",
        )
        assert TOO_MANY not in response.content.decode()


def test_client_ip_behind_one_proxy_others_still_sign_in(client, settings):
    """20 visitors each failing once do not lock out a 21st visitor (the issue's defect)."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    twenty_failures_from_twenty_visitors(client)
    response = login(client, agent, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(agent.pk)


def test_client_ip_behind_one_proxy_one_visitor_is_still_limited(client, settings):
    """The 20-per-address limit holds for one visitor, even if they forge the header's start:
    the proxy appends the real address last, and that is the one counted."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    for number in range(20):
        fail_login(
            client,
            f"inconnu{number}@numerique.gouv.fr",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.7",
        )
    response = login(client, agent, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7")
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_client_ip_without_trusted_proxy_forged_header_is_ignored(client, settings):
    """No proxy trusted: changing X-Forwarded-For does not escape the limit."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    twenty_failures_from_twenty_visitors(client)
    response = login(client, agent, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert TOO_MANY in response.content.decode()


def test_client_ip_trusted_header(rf, settings):
    """A proxy that sets one header with the client's address (X-Real-IP, say)."""
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


def test_client_ip_fewer_addresses_than_proxies_falls_back_to_the_peer(rf, settings):
    """A request that did not cross every configured proxy is counted by its peer address,
    never a 500."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_ip(request) == PROXY


def test_client_ip_certificate_lookups_per_visitor(client, settings):
    """The verification page's limit counts each visitor behind the proxy apart."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    url = reverse("certificate_verify")
    for _ in range(3):
        client.get(
            url, {"code": "ZZZZZ-ZZZZZ"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1"
        )
    blocked = client.get(
        url, {"code": "ZZZZZ-ZZZZZ"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1"
    )
    assert blocked.status_code == 429
    other = client.get(
        url, {"code": "ZZZZZ-ZZZZZ"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.2"
    )
    assert other.status_code == 404


def test_client_ip_certificate_lookups_forged_header_ignored(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    url = reverse("certificate_verify")
    for number in range(3):
        client.get(url, {"code": "ZZZZZ-ZZZZZ"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    blocked = client.get(url, {"code": "ZZZZZ-ZZZZZ"}, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert blocked.status_code == 429


def test_client_ip_audit_log_records_the_visitor(client, settings):
    """The audit log names the visitor's address, not the proxy's."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    client.force_login(agent)
    response = client.get(
        reverse("personal_data_zip"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.PERSONAL_DATA_EXPORTED)
    assert event.ip == "198.51.100.7"


def test_client_ip_settings_from_the_environment():
    """The deployment says how many proxies to trust, or which header, in its environment."""
    code = (
        "from campus.settings import base; "
        "print(base.ALLAUTH_TRUSTED_PROXY_COUNT, base.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )
    environment = {**os.environ, "DEBUG": "True", "TRUSTED_PROXY_COUNT": "2"}
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["2", "None"]
    environment = {**os.environ, "DEBUG": "True", "TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["0", "X-Real-IP"]
