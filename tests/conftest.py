"""Fixtures shared by the whole suite, including the real-browser (Playwright) tests.

Browser tests use Debian's Chromium (never `playwright install`). They are skipped with a clear
message when no browser is found, unless E2E=required, where a missing browser fails the run.
"""

import os
import shutil
from pathlib import Path

import pytest

# pytest-playwright runs an event loop in the main thread; live_server's database set-up would
# otherwise raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_CANDIDATES = [
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    e2e_items = [item for item in items if "e2e" in item.keywords]
    if not e2e_items or chromium_path():
        return
    message = (
        "Chromium not found (install Debian's `chromium` package or set CHROMIUM_PATH): "
        "browser tests cannot run."
    )
    if os.environ.get("E2E") == "required":
        raise pytest.UsageError(message + " E2E=required, so this is a failure.")
    for item in e2e_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 1280, "height": 900}}
