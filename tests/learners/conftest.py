"""Fixtures of the learners tests: the fake ProConnect provider."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.learners.fake_proconnect import FakeProConnect


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


# Learning (enrolment, progress, quizzes, sessions) ---------------------------------------------


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A module-wide transaction, rolled back at the end, for data built once per module;
    each test still runs in its own savepoint (the `db` fixture).

    pytest-django creates the test database only when a selected test asks for it: modules
    using this fixture set `pytestmark = pytest.mark.django_db`, and this guard refuses to
    build anything in a database that is not a test one.
    """
    from django.db import connection, transaction

    name = str(connection.settings_dict["NAME"])
    if not (name.startswith("test_") or "memorydb" in name):
        pytest.fail(f"module_db outside a test database ({name}): mark the module django_db.")
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True, scope="session")
def quiet_page_logs():
    """Wagtail and the tasks backend log every page action at INFO: keep test output readable."""
    import logging

    for name in ("wagtail", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)


# Certification (#5): signing keys and role users, defined in certification.py.
from tests.learners.certification import administrator, other_rsa_pem, rsa_pem, signing_key, trainer


@pytest.fixture(autouse=True)
def learners_course_hooks():
    """Some catalogue tests swap courses' providers and leave None behind: every learners test
    starts with the providers `LearnersConfig.ready()` registers."""
    from courses import providers
    from learners import selectors

    providers.register_seats_taken(selectors.confirmed_registrations_by_session)
    providers.register_learner_state(selectors.path_state_for)
