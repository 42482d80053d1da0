"""Fixtures of the security tests: one campus built per module (see world.py)."""

import pytest

from tests.learners.certification.fixtures import rsa_pem  # noqa: F401
from tests.learners.conftest import learners_course_hooks, signing_key  # noqa: F401
from tests.security.world import build_world


@pytest.fixture(scope="module")
def world(module_db):  # noqa: F811
    return build_world()
