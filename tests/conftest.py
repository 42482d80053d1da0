"""Fixtures shared by the whole suite, including the real-browser (Playwright) tests.

Browser tests use Debian's Chromium (never `playwright install`). They are skipped with a clear
message when no browser is found, unless E2E=required, where a missing browser fails the run.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.models import Page

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


@pytest.fixture(scope="session")
def _migrated_content(django_db_setup) -> str:
    """The test database as the migrations left it, serialized by Django at set-up, with the
    content types first: saving pages creates missing content types (search index signals),
    which would then clash with the serialized ones."""
    data = json.loads(connections[DEFAULT_DB_ALIAS]._test_serialized_contents)
    content_types = [row for row in data if row["model"] == "contenttypes.contenttype"]
    return json.dumps(content_types + [row for row in data if row not in content_types])


@pytest.fixture
def restore_migrated_content(django_db_serialized_rollback, _migrated_content):
    """Transactional tests (browser tests, concurrency tests) are flushed afterwards; restore
    what the data migrations created (home page, catalogue, groups) before each one.

    `django_db_serialized_rollback` makes Django serialize the database at set-up, but cannot
    always restore it: the contents are stored on the connection of the set-up's context, which
    tests running after Playwright's event loop started do not see.
    """
    if not Page.objects.exists():
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(_migrated_content)


@pytest.fixture
def caching(monkeypatch):
    """Turn on the caches keyed on the catalogue's version (off in the test settings), from a
    fresh version and an empty cache."""
    from django.core.cache import cache

    from courses import catalogue_version

    cache.clear()
    monkeypatch.setattr(catalogue_version, "is_enabled", lambda: True)
    catalogue_version._new_version()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A module-wide transaction, rolled back at the end, for data built once per module;
    each test still runs in its own savepoint (the `db` fixture).

    pytest-django creates the test database only when a selected test asks for it: modules
    using this fixture set `pytestmark = pytest.mark.django_db`, and this guard refuses to
    build anything in a database that is not a test one.
    """
    from django.db import connection, transaction

    name = str(connection.settings_dict["NAME"])
    if not Path(name).name.startswith("test_"):  # SQLite's is a file (campus/settings/test.py)
        pytest.fail(f"module_db outside a test database ({name}): mark the module django_db.")
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True, scope="session")
def quiet_page_logs():
    """Wagtail and the tasks backend log every page action at INFO: keep test output readable."""
    import logging

    for name in ("wagtail", "django_tasks"):
        logging.getLogger(name).setLevel(logging.WARNING)
