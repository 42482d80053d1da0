"""Fixtures of the catalogue tests: role users (`module_db` is in tests/conftest.py)."""

import pytest
from django.contrib.auth.models import Group

from learners.accounts.permissions import REVIEWERS_GROUP, TRAINERS_GROUP
from learners.factories import UserFactory


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
