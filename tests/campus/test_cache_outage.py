"""A Redis outage costs speed, not the site: with the cache on a dead port, pages are served
uncached, errors are logged once, and /healthz says the cache is unreachable (JSON, 200)."""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from campus.cache import ResilientRedisCache
from learners.factories import UserFactory
from tests.learners.builders import learning_path
from tests.network import free_port

pytestmark = pytest.mark.django_db


def redis_caches(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "campus.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }


@pytest.fixture
def dead_redis(monkeypatch):
    # The outage is logged once a minute per process: start each test with no recent report.
    monkeypatch.setattr(ResilientRedisCache, "_last_report", 0.0)
    with override_settings(CACHES=redis_caches(f"redis://127.0.0.1:{free_port()}/0")):
        yield


def test_cache_outage_production_settings_use_the_resilient_backend():
    """With REDIS_URL set, the settings choose the backend that survives an outage."""
    code = "from campus.settings import base; print(base.CACHES['default']['BACKEND'])"
    environment = {**os.environ, "DEBUG": "True", "REDIS_URL": "redis://127.0.0.1:6379/0"}
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "campus.cache.ResilientRedisCache"


def test_cache_outage_pages_are_served(client, dead_redis, caplog):
    """Home, catalogue, a path page, sign-in and, signed in, Mon espace and the learning view."""
    path = learning_path(title="Parcours pendant la panne")
    anonymous = ["/", reverse("catalogue"), path.url, reverse("account_login")]
    for url in anonymous:
        assert client.get(url).status_code == 200, url
    agent = UserFactory()
    client.force_login(agent)
    assert client.post(reverse("enrol_path", args=[path.pk])).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(path.url).status_code == 200
    assert "Cache unavailable" in caplog.text


def test_cache_outage_errors_are_logged_once_a_minute(client, dead_redis, caplog):
    for _ in range(3):
        client.get("/")
    assert caplog.text.count("Cache unavailable") <= 1


def test_cache_outage_rate_limits_fail_open(client, dead_redis):
    """The certificate lookups cannot be counted: they are served rather than refused."""
    response = client.get(reverse("certificate_verify"), {"code": "ZZZZZ-ZZZZZ"})
    assert response.status_code == 404


def test_cache_outage_healthz_reports_the_cache(client, dead_redis):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == "ok"
    assert body["cache"] == "unreachable"


def test_cache_outage_backend_works_with_a_live_redis():
    """The same backend against the machine's Redis stores and reads values."""
    with override_settings(CACHES=redis_caches("redis://127.0.0.1:6379/13")):
        cache.set("campus:test", {"answer": 42}, 30)
        assert cache.get("campus:test") == {"answer": 42}
        assert cache.add("campus:test", 1) is False
        cache.delete("campus:test")
        assert cache.add("campus:counter", 1)
        assert cache.incr("campus:counter") == 2
        cache.delete("campus:counter")
