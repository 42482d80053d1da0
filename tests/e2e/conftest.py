"""Browser-test helpers: an axe accessibility check and a login step shared by every journey."""

import pytest
from axe_playwright_python.sync_playwright import Axe

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


@pytest.fixture(autouse=True)
def _restore_for_browser_tests(live_server, restore_migrated_content):
    """Browser tests run in transactions that are flushed afterwards (see the fixture)."""


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
