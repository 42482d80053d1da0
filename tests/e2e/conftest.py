"""Browser-test helpers shared by every journey: the page check (axe accessibility and reflow at
320 px), the record of the pages a journey visits, and a login step.

Every journey that uses the `axe` fixture must check every page of the campus it visits:
`axe(page)` runs axe and the reflow check on the page as it is, and at the end of the test the
pages visited but never checked are listed as an error. Wagtail's own admin screens are
Wagtail's (the campus's own admin views under /cms/ are checked where journeys visit them).
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "RGAAv4"],
    }
}

# WCAG 1.4.10 (RGAA 10.11): content reflows without horizontal scrolling at 320 CSS px.
REFLOW_WIDTH = 320

# The innermost elements that reach past the right edge: what makes the page scroll sideways
# (reported to help fix it).
_OVERFLOW_SCRIPT = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const past = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (past(el) && ![...el.children].some(past)) {
      const box = el.getBoundingClientRect();
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className.trim()
          ? "." + el.className.trim().split(/\\s+/).join(".") : "");
      culprits.push(`${name} (${Math.round(box.left)}–${Math.round(box.right)} px)`);
      if (culprits.length >= 8) break;
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits};
}"""

_axe = Axe()


def _page_key(url: str) -> str:
    return urlsplit(url).path


def assert_reflows(page) -> None:
    """The page, rendered 320 CSS px wide, does not scroll horizontally (tables scroll inside
    their own labelled region instead)."""
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
    try:
        found = page.evaluate(_OVERFLOW_SCRIPT)
    finally:
        page.set_viewport_size(size)
    assert found["scrollWidth"] <= found["clientWidth"], (
        f"{page.url} is {found['scrollWidth']} px wide at {REFLOW_WIDTH} px (WCAG 1.4.10); "
        f"too wide: {', '.join(found['culprits']) or 'no single element'}"
    )


# DSFR buttons whose label is clipped: an icon-only button is one by design only with a
# `title` giving its label (DSFR's rule); otherwise the label was meant to be read.
_CLIPPED_LABELS_SCRIPT = """() => [...document.querySelectorAll(".fr-btn")]
  .filter((el) => el.offsetParent && !el.title && el.scrollWidth > el.clientWidth + 1)
  .map((el) => el.textContent.trim().replace(/\\s+/g, " "))"""


def assert_labels_visible(page) -> None:
    """No DSFR button shows only its icon when its label was meant to be visible."""
    clipped = page.evaluate(_CLIPPED_LABELS_SCRIPT)
    assert not clipped, f"buttons on {page.url} hide their label behind their icon: {clipped}"


def assert_accessible(page) -> None:
    """Run axe (WCAG 2.1 A/AA and RGAA rules) on the current page, check that button labels are
    visible and that the page reflows at 320 px; fail on any violation."""
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, f"axe violations on {page.url}:\n{results.generate_report()}"
    assert_labels_visible(page)
    assert_reflows(page)


class _PageLog:
    """The campus pages the test's browser pages showed, and those it checked."""

    def __init__(self, origin: str):
        self.origin = origin
        self.visited: dict[str, str] = {}
        self.checked: set[str] = set()

    def watch(self, page) -> None:
        def navigated(frame):
            if frame == page.main_frame and frame.url.startswith(self.origin):
                self.visited.setdefault(_page_key(frame.url), frame.url)

        page.on("framenavigated", navigated)

    def unchecked(self) -> list[str]:
        return [
            url
            for key, url in self.visited.items()
            if key not in self.checked and not key.startswith(UNCHECKED_PREFIXES)
        ]


# Wagtail's own admin screens and files (PDF, .ics, exports) are not pages of the campus.
UNCHECKED_PREFIXES = ("/cms/", "/django-admin/", "/media/", "/static/")

_log: _PageLog | None = None


@pytest.fixture(autouse=True)
def _page_log(request, restore_migrated_content, browser, live_server, monkeypatch):
    """Watch every page of every browser context the test opens. (After the database content is
    read for restoring: once Playwright's event loop runs, Python 3.13 gives this thread another
    database connection, without the contents serialized at set-up.)"""
    global _log
    _log = _PageLog(live_server.url)
    original = browser.new_context

    def new_context(*args, **kwargs):
        context = original(*args, **kwargs)
        context.on("page", _log.watch)
        return context

    monkeypatch.setattr(browser, "new_context", new_context)
    yield _log
    log, _log = _log, None
    report = getattr(request.node, "rep_call", None)
    if "axe" in request.fixturenames and report is not None and report.passed:
        missing = log.unchecked()
        assert not missing, "pages visited without axe and the 320 px check: " + ", ".join(missing)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


@pytest.fixture(autouse=True)
def _restore_for_browser_tests(live_server, restore_migrated_content):
    """Browser tests run in transactions that are flushed afterwards (see the fixture)."""


@pytest.fixture
def axe():
    def check(page) -> None:
        assert_accessible(page)
        if _log is not None:
            _log.checked.add(_page_key(page.url))

    return check


@pytest.fixture
def login(live_server):
    """Sign in through the real login form (labels and button as rendered by
    learners/templates/allauth/elements/). The user's address must be verified, as
    UserFactory does by default: verification is mandatory outside DEBUG."""

    def _login(page, email: str, password: str) -> None:
        if _log is not None:  # the sign-in page is checked by the accounts journeys
            _log.checked.add("/comptes/login/")
        page.goto(f"{live_server.url}/comptes/login/")
        page.get_by_label("Adresse électronique").fill(email)
        page.get_by_label("Mot de passe", exact=True).fill(password)
        page.get_by_role("button", name="Se connecter", exact=True).click()
        page.wait_for_url(lambda url: "/comptes/login/" not in url)
        if _log is not None and _page_key(page.url) == "/":  # and so is the home page
            _log.checked.add("/")

    return _login
