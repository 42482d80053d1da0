"""A real Ralph LRS for the integration tests: started once per run on a free loopback port,
with its file-system backend in a temporary folder and an HTTP Basic account.

Ralph lives in its own virtualenv, `.venv-ralph` (`scripts/ralph install`, done by `.ci/run`).
Without it the tests are skipped, unless `LRS=required` (CI): then they fail.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
USERNAME, PASSWORD = "campus-tests", "campus-tests-lrs-password"


def ralph_binary() -> Path | None:
    venv = Path(os.environ.get("RALPH_VENV", ROOT / ".venv-ralph"))
    binary = venv / "bin" / "ralph"
    return binary if binary.exists() else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Ralph:
    """One Ralph server that a test may stop and start again (same port, same statements)."""

    def __init__(self, binary: Path):
        self.binary = binary
        self.folder = Path(tempfile.mkdtemp(prefix="campus-ralph-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_APP_DIR": str(self.folder),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
        }
        subprocess.run(
            [str(binary), "auth", "--username", USERNAME, "--password", PASSWORD, "--scope", "all"]
            + ["--agent-ifi-account", USERNAME, self.url, "--write-to-disk"],
            env=self.env,
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        log = open(self.folder / "ralph.log", "ab")  # noqa: SIM115 - kept open by the process
        self.process = subprocess.Popen(
            [str(self.binary.parent / "python"), str(ROOT / "scripts" / "ralph-server.py")]
            + ["127.0.0.1", str(self.port)],
            env=self.env,
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped: {(self.folder / 'ralph.log').read_text()}")
            try:
                requests.get(f"{self.url}/__heartbeat__", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError("Ralph did not answer within 60 s.")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def settings(self) -> dict:
        return {
            "XAPI_ENABLED": True,
            "XAPI_LRS_URL": self.url,
            "XAPI_LRS_USERNAME": USERNAME,
            "XAPI_LRS_PASSWORD": PASSWORD,
        }


@pytest.fixture(scope="session")
def ralph_server():
    binary = ralph_binary()
    if binary is None:
        message = ".venv-ralph is missing: `scripts/ralph install` installs Ralph (the LRS)."
        if os.environ.get("LRS") == "required" or os.environ.get("E2E") == "required":
            pytest.fail(message + " LRS=required.")
        pytest.skip(message)
    server = Ralph(binary)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)
