"""The README's production steps, followed literally on a fresh database, give a deployment
that passes `check --deploy --fail-level WARNING`.

The steps are read from the README (between the `production-steps` markers) and run by bash
with an environment file made from `.env.example` — the documented variables, with this
machine's database, Redis and temporary directories instead of the example hosts. Only the
virtualenv's creation is skipped: the steps run with the virtualenv the tests run in (`.venv`,
or another: CI runs the suite on a second Python with VENV=.venv-3.13).
"""

import os
import re
import secrets
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(
    r"<!-- production-steps:begin -->\s*```sh\n(.*?)```\s*<!-- production-steps:end -->", re.S
)


def readme_steps() -> list[str]:
    (block,) = BLOCK.findall((ROOT / "README.md").read_text())
    return [line for line in block.splitlines() if line.strip()]


def environment_file(tmp_path: Path) -> Path:
    """`.env.example`, with this machine's services and places."""
    overrides = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'campus.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "OPENBADGES_SIGNING_KEY_FILES": str(tmp_path / "secrets" / "openbadges.pem"),
    }
    lines = []
    for line in (ROOT / ".env.example").read_text().splitlines():
        name, equals, value = line.partition("=")
        if line.startswith("#") or not equals:
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]  # quoted in the file for a shell (test_env_example_sourced.py)
        value = overrides.pop(name, value)
        lines.append(f"{name}={_quoted(value)}")
    assert not overrides, f"not in .env.example: {sorted(overrides)}"
    path = tmp_path / "campus.env"
    path.write_text("\n".join(lines) + "\n")
    return path


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def test_production_steps_the_readme_lists_them():
    steps = readme_steps()
    assert any("ensure_signing_key" in step for step in steps)
    assert any("compilemessages --ignore=.venv" in step for step in steps)
    assert steps[-1].endswith("check --deploy --fail-level WARNING")


def test_production_steps_followed_literally(tmp_path):
    venv_bin = f"{Path(sys.executable).parent}/"
    steps = [
        step.replace(".venv/bin/", venv_bin)
        for step in readme_steps()
        if not step.rstrip().endswith("# install")
    ]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "LANG": "C.UTF-8",
        "CAMPUS_ENV_FILE": str(environment_file(tmp_path)),
    }
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(steps)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "System check identified no issues" in output
    key = tmp_path / "secrets" / "openbadges.pem"
    assert key.exists()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert (tmp_path / "static" / "staticfiles.json").exists()
