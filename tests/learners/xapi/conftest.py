"""Fixtures of the xAPI tests: xAPI switched on with a fake LRS (unit tests), the statement
schema every built statement must match, and a real Ralph for the integration tests
(`ralph.py`)."""

import pytest
from django.test import override_settings

from learners.xapi import lrs
from tests.learners.xapi.ralph import ralph_server  # noqa: F401
from tests.learners.xapi.schema import assert_valid_statement  # noqa: F401


class FakeLRS:
    """Takes the batches posted to it, or answers what a test sets (`answers`)."""

    def __init__(self):
        self.batches: list[list[dict]] = []
        self.answers: list[lrs.Answer] = []

    @property
    def statements(self) -> list[dict]:
        return [statement for batch in self.batches for statement in batch]

    def post(self, statements, *, session=None):
        if self.answers:
            return self.answers.pop(0)
        self.batches.append(list(statements))
        return lrs.Answer(200, "[]")


@pytest.fixture
def xapi_on():
    with override_settings(
        XAPI_ENABLED=True,
        XAPI_LRS_URL="http://lrs.invalid",
        XAPI_LRS_USERNAME="campus",
        XAPI_LRS_PASSWORD="secret",
        XAPI_ACTOR_FORMAT="account",
    ):
        yield


@pytest.fixture
def fake_lrs(xapi_on, monkeypatch):
    fake = FakeLRS()
    monkeypatch.setattr(lrs, "post_statements", fake.post)
    return fake
