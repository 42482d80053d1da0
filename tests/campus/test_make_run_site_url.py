"""`make run PORT=8021` serves on port 8021, and every link the campus writes (e-mails, PDFs,
QR codes, Open Badges credentials: `settings.SITE_URL`) points there too, unless SITE_URL is
set."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_SITE_URL = "from campus.settings import base; print(base.SITE_URL)"


def run_commands(**variables) -> list[str]:
    """The commands `make run` would run (dry run: nothing is executed)."""
    arguments = [f"{name}={value}" for name, value in variables.items()]
    output = subprocess.run(
        ["make", "-n", "run", *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [line for line in output.splitlines() if "manage.py" in line]


def site_url_of(command: str, environment: dict) -> str:
    """SITE_URL as the settings read it, in the environment `command` sets for manage.py."""
    # Whichever virtualenv make uses (CI runs the suite with VENV=.venv-3.13).
    prefix = re.split(r"\S*/bin/python manage\.py", command)[0]
    script = f"{prefix} {sys.executable} -c '{PRINT_SITE_URL}'"
    return subprocess.run(
        ["bash", "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    ).stdout.strip()


def test_make_run_links_follow_the_port():
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    commands = run_commands(PORT="8021")
    assert any("runserver 127.0.0.1:8021" in command for command in commands)
    demo = next(command for command in commands if "create_demo" in command)
    assert site_url_of(demo, environment) == "http://127.0.0.1:8021"
    serve = next(command for command in commands if "runserver" in command)
    assert site_url_of(serve, environment) == "http://127.0.0.1:8021"


def test_make_run_site_url_set_by_the_developer_wins():
    environment = {**os.environ, "SITE_URL": "https://campus.test"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    serve = next(c for c in run_commands(PORT="8021") if "runserver" in c)
    assert site_url_of(serve, environment) == "https://campus.test"
