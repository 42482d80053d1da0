"""Without a signing key, certificates are issued without their credential, and the logs say
so once, not once per certificate (the demo campus issues eighty)."""

import logging

import pytest

from learners.certification import services as certification_services
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db


def test_without_key_one_warning_for_many_certificates(
    settings, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    settings.OPENBADGES_SIGNING_KEYS = []
    monkeypatch.setitem(certification_services._warned, "signing_key", False)
    path = learning_path()
    caplog.set_level(logging.WARNING, logger="learners.certification.services")
    certificates = [
        certified(agent(email=f"agent{n}@campus.example"), path, django_capture_on_commit_callbacks)
        for n in range(3)
    ]
    assert all(c is not None and not c.credential_jwt for c in certificates)
    warnings = [r for r in caplog.records if "No Open Badges signing key" in r.getMessage()]
    assert len(warnings) == 1
