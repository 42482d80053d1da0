"""Fixtures of the learners tests: the fake ProConnect provider."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.learners.accounts.fake_proconnect import FakeProConnect


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


# Certification (#5): signing keys and role users, defined in certification/fixtures.py.
from tests.learners.certification.fixtures import (  # noqa: E402, F401
    administrator,
    other_rsa_pem,
    rsa_pem,
    signing_key,
    trainer,
)


@pytest.fixture(autouse=True)
def learners_course_hooks():
    """Some catalogue tests swap courses' providers and leave None behind: every learners test
    starts with the providers `LearnersConfig.ready()` registers."""
    from courses import providers
    from learners.learning import selectors as learning_selectors
    from learners.sessions import selectors as sessions_selectors

    providers.register_seats_taken(sessions_selectors.confirmed_registrations_by_session)
    providers.register_learner_state(learning_selectors.path_state_for)
