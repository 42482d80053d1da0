"""Browser-test helpers: an axe accessibility check and a login step shared by every journey."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.models import Page

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "RGAAv4"],
    }
}

_axe = Axe()


def assert_accessible(page) -> None:
    """Run axe (WCAG 2.1 A/AA and RGAA rules) on the current page; fail on any violation."""
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"axe violations on {page.url}:\n{results.generate_report()}"


@pytest.fixture(scope="session")
def _migrated_content(django_db_setup) -> str:
    """The test database as the migrations left it, serialized by Django at set-up, with the
    content types first: saving pages creates missing content types (search index signals),
    which would then clash with the serialized ones."""
    data = json.loads(connections[DEFAULT_DB_ALIAS]._test_serialized_contents)
    content_types = [row for row in data if row["model"] == "contenttypes.contenttype"]
    return json.dumps(content_types + [row for row in data if row not in content_types])


@pytest.fixture(autouse=True)
def _restore_migrated_content(django_db_serialized_rollback, _migrated_content, live_server):
    """Browser tests run in transactions that are flushed afterwards; restore what the data
    migrations created (home page, catalogue, groups) before each one.

    `django_db_serialized_rollback` makes Django serialize the database at set-up, but cannot
    restore it here: the contents are stored on the connection of the set-up's context, which
    the Playwright tests do not see.
    """
    if not Page.objects.exists():
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connections[DEFAULT_DB_ALIAS].creation.deserialize_db_from_string(_migrated_content)


@pytest.fixture
def axe():
    return assert_accessible


@pytest.fixture
def login(live_server):
    """Sign in through the real login form (labels and button as rendered by
    learners/templates/allauth/elements/). The user's address must be verified, as
    UserFactory does by default: verification is mandatory outside DEBUG."""

    def _login(page, email: str, password: str) -> None:
        page.goto(f"{live_server.url}/comptes/login/")
        page.get_by_label("Adresse électronique").fill(email)
        page.get_by_label("Mot de passe", exact=True).fill(password)
        page.get_by_role("button", name="Se connecter", exact=True).click()
        page.wait_for_url(lambda url: "/comptes/login/" not in url)

    return _login
