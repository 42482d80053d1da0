"""`check --deploy` names a signing-key file it cannot read, instead of the settings failing to
load (which would stop `ensure_signing_key` from creating it)."""

import os
import subprocess
import sys

from learners.certification.checks import signing_key_configured


def test_checks_signing_keys_unreadable_file_is_a_check_error(settings):
    settings.OPENBADGES_UNREADABLE_KEY_FILES = ["/run/secrets/absent.pem"]
    (error,) = signing_key_configured()
    assert error.id == "learners.E502"
    assert "/run/secrets/absent.pem" in error.msg


def test_checks_signing_keys_settings_load_without_the_file(tmp_path):
    code = (
        "from campus.settings import base; "
        "print(base.OPENBADGES_UNREADABLE_KEY_FILES, base.OPENBADGES_SIGNING_KEYS)"
    )
    missing = str(tmp_path / "absent.pem")
    environment = {**os.environ, "DEBUG": "True", "OPENBADGES_SIGNING_KEY_FILES": missing}
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert output.stdout.strip().startswith(f"['{missing}']")
