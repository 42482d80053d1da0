"""Fixtures of the learners tests: the fake ProConnect provider."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from .fake_proconnect import FakeProConnect


@pytest.fixture(scope="session")
def fake_proconnect_server():
    """One fake ProConnect for the whole run (generating its RSA key takes a moment)."""
    server = FakeProConnect()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fake_proconnect(fake_proconnect_server):
    """An honest fake ProConnect, configured as the campus's provider, with empty caches."""
    fake_proconnect_server.reset()
    cache.clear()
    with override_settings(PROCONNECT=fake_proconnect_server.settings()):
        yield fake_proconnect_server
    cache.clear()
