"""Fixtures of the catalogue tests: role users, and data built once per module.

`module_data(build)` runs `build()` once for a test module inside a transaction that is rolled
back when the module ends; each test still runs in its own savepoint (the `db` fixture).
"""

import contextlib
import logging

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from learners.factories import UserFactory
from learners.permissions import REVIEWERS_GROUP, TRAINERS_GROUP


@pytest.fixture(autouse=True, scope="session")
def quiet_wagtail_logs():
    """Wagtail and the tasks backend log every page action at INFO: keep test output readable."""
    for name in ("wagtail", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Open a module-wide transaction (rolled back at the end) for module-scoped data."""
    with rolled_back(django_db_blocker):
        yield


def make_trainer(email="formatrice@campus.example"):
    return UserFactory(email=email, groups=[Group.objects.get(name=TRAINERS_GROUP)])


def make_reviewer(email="responsable@campus.example"):
    return UserFactory(email=email, groups=[Group.objects.get(name=REVIEWERS_GROUP)])


@pytest.fixture
def trainer(db):
    return make_trainer()


@pytest.fixture
def reviewer(db):
    return make_reviewer()
