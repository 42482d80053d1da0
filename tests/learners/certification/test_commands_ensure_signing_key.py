"""`manage.py ensure_signing_key` (run by `make setup`) and the deploy check on signing keys."""

import io
import stat

from django.core.management import call_command

from learners.certification.checks import signing_key_configured
from learners.certification.openbadges.keys import load_key


def test_commands_ensure_signing_key_creates_a_private_key_once(tmp_path, capsys):
    """The key file is created readable by its owner only, then left alone."""
    target = tmp_path / "var" / "openbadges-dev-key.pem"
    call_command("ensure_signing_key", path=str(target))
    pem = target.read_text()
    assert load_key(pem).algorithm == "RS256"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Created" in capsys.readouterr().out
    call_command("ensure_signing_key", path=str(target))
    assert target.read_text() == pem
    assert "already present" in capsys.readouterr().out


def test_commands_ensure_signing_key_es256(tmp_path):
    """--algorithm ES256 creates an EC P-256 key."""
    target = tmp_path / "ec.pem"
    call_command("ensure_signing_key", path=str(target), algorithm="ES256", stdout=io.StringIO())
    assert load_key(target.read_text()).algorithm == "ES256"


def test_commands_deploy_check_warns_without_signing_key(settings, rsa_pem):
    """`check --deploy` warns while no key is configured, and accepts a good one."""
    settings.OPENBADGES_SIGNING_KEYS = []
    assert [message.id for message in signing_key_configured()] == ["learners.W501"]
    settings.OPENBADGES_SIGNING_KEYS = [rsa_pem]
    assert signing_key_configured() == []
    settings.OPENBADGES_SIGNING_KEYS = [
        "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----"
    ]
    assert [message.id for message in signing_key_configured()] == ["learners.E501"]
