"""Journeys through SCORM and H5P activities, with the real third-party packages
(../shared/content-packages; skipped without them): an agent plays each package in Chromium,
the campus records what it reports, and the agent finds it again when coming back.

The campus is served on `localhost` and the packages on `127.0.0.1` (CONTENT_ORIGIN), two origins
of one live server, as in development (docs/content-packages.md).
"""

import json
import re

import pytest
from playwright.sync_api import expect

from learners.factories import DEMO_PASSWORD, EnrolmentFactory, UserFactory
from learners.learning.models import Enrolment, PackageAttempt
from learners.learning.selectors import learning_url
from tests.packages import (
    H5P_QUESTIONSET,
    H5P_TRUEFALSE,
    SCORM12,
    SCORM12_MULTI,
    SCORM2004,
    SCORM2004_ROLLUP,
    package_path,
    stored,
)

pytestmark = pytest.mark.e2e

AGENT = "agent.paquets@campus.example"

REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def origins(live_server, settings):
    """The campus on localhost, the content origin on 127.0.0.1, same port."""
    port = live_server.url.rsplit(":", 1)[1]
    settings.SITE_URL = live_server.url
    settings.CONTENT_ORIGIN = f"http://127.0.0.1:{port}"
    return live_server.url, settings.CONTENT_ORIGIN


@pytest.fixture
def csp_violations(page):
    violations = []
    page.add_init_script(REPORT_VIOLATIONS)

    def collect(message):
        if "CSP violation" in message.text and "cdnjs" not in message.text:
            violations.append(message.text)

    page.on("console", collect)
    return violations


def agent_on(path):
    user = UserFactory(email=AGENT, first_name="Camille", last_name="Martin")
    EnrolmentFactory(user=user, path=path)
    return user


def activity_ids(path):
    from courses.selectors import path_outline

    return [activity.id for activity in path_outline(path).activities]


def open_activity(page, campus, activity_id, sco=None):
    url = f"{campus}{learning_url(activity_id)}" + (f"?sco={sco}" if sco else "")
    page.goto(url)
    frame_element = page.locator("#package-frame")
    expect(frame_element).to_be_visible()
    return page.frame_locator("#package-frame")


def sco(page):
    """The SCO's frame, nested in the player's."""
    return page.frame_locator("#package-frame").frame_locator("iframe")


def saved(page):
    expect(page.locator("#package-status")).to_contain_text("Progression enregistrée")


def frame_by_url(page, part: str):
    """The Playwright frame (at any depth) whose URL contains `part`, once it is there."""
    for _ in range(100):
        for frame in page.frames:
            if part in frame.url:
                return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame with {part!r}: {[f.url for f in page.frames]}")


def attempt_of(user, sco=None):
    rows = PackageAttempt.objects.filter(user=user)
    if sco is not None:
        rows = rows.filter(sco=sco)
    return rows.order_by("-updated_at").first()


def wait_for_attempt(page, user, check, sco=None, timeout=10_000):
    """The agent's saved attempt once `check(attempt)` holds (the commits are asynchronous)."""
    attempt = None
    for _ in range(timeout // 100):
        attempt = attempt_of(user, sco)
        if attempt is not None and check(attempt):
            return attempt
        page.wait_for_timeout(100)
    raise AssertionError(f"attempt not as expected: {attempt and attempt.cmi}")


def answer_golf_quiz(page, frame_part="assessmenttemplate") -> None:
    """Tick each question's right answer in the Golf examples' quiz, then submit it."""
    quiz = frame_by_url(page, frame_part)
    quiz.wait_for_load_state()
    quiz.evaluate(
        """() => {
          for (const question of test.Questions) {
            if (question.Type === "choice") {
              const index = question.Answers.indexOf(question.CorrectAnswer);
              document.getElementById(`question_${question.Id}_${index}`).checked = true;
            } else if (question.Type === "true-false") {
              const value = question.CorrectAnswer ? "True" : "False";
              document.getElementById(`question_${question.Id}_${value}`).checked = true;
            } else {
              document.getElementById(`question_${question.Id}_Text`).value = question.CorrectAnswer;
            }
          }
        }"""
    )
    quiz.get_by_role("button", name=re.compile("Submit", re.I)).click()


def assert_isolated(page, campus: str, content: str) -> None:
    """The SCO runs on the content origin: no campus cookie, no access to the campus page."""
    assert any(c["name"] == "sessionid" for c in page.context.cookies(campus))
    launch = frame_by_url(page, "/paquets/")
    found = launch.evaluate(
        """() => {
          let top = "readable";
          try { window.top.document.title; } catch (e) { top = e.name; }
          return {origin: location.origin, cookie: document.cookie, top};
        }"""
    )
    assert found["origin"] == content
    assert "sessionid" not in found["cookie"] and "csrftoken" not in found["cookie"]
    assert found["top"] == "SecurityError"


def assert_keyboard_enters_and_leaves(page) -> None:
    """Tab reaches the frame from the controls above it, and "Passer le contenu" jumps past it."""
    skip = page.get_by_role("link", name="Passer le contenu")
    skip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#apres-contenu")).to_be_focused()
    skip.focus()
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.id") == "package-fullscreen":
        page.keyboard.press("Tab")
    # Focus is now inside the frame: the campus page's active element is the frame.
    assert page.evaluate("document.activeElement.id") == "package-frame"
    # Tabbing through the content's controls comes out of the frame, after it.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") != "package-frame":
            break
    after = page.evaluate(
        """() => Boolean(document.getElementById("package-frame").compareDocumentPosition(
             document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )
    assert after, page.evaluate("document.activeElement.outerHTML")


def test_e2e_scorm12_basic_calls_quiz_resume_and_isolation(
    page, origins, login, axe, csp_violations
):
    """RuntimeBasicCalls (SCORM 1.2): the agent reads a few pages, leaves, comes back to the page
    they left (lesson_location restored), goes to the quiz and passes it: completed with the
    score. The SCO runs on the content origin, without the campus's cookies."""
    campus, content = origins
    path = package_path(stored(SCORM12))
    user = agent_on(path)
    (activity,) = activity_ids(path)
    dialogs = []

    def accept(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.set_default_timeout(15_000)
    login(page, AGENT, DEMO_PASSWORD)

    open_activity(page, campus, activity)
    launch = sco(page)
    expect(launch.frame_locator("#contentFrame").locator("body")).to_contain_text("Golf")
    expect(page.locator("#package-frame")).to_have_attribute("title", re.compile("Contenu"))
    wait_for_attempt(page, user, lambda a: a.cmi.get("cmi.core.lesson_status") == "incomplete")
    saved(page)
    axe(page)
    assert_isolated(page, campus, content)
    assert_keyboard_enters_and_leaves(page)

    # Three pages on, then away: the bookmark is saved.
    for _ in range(3):
        launch.get_by_role("button", name="Next ->").click()
    wait_for_attempt(page, user, lambda a: a.cmi.get("cmi.core.lesson_location") == "3")
    page.goto(f"{campus}/")

    # Back: the SCO finds its bookmark and offers to resume there.
    open_activity(page, campus, activity)
    expect(launch.frame_locator("#contentFrame").locator("body")).to_contain_text("Golf")
    assert any("resume" in message for message in dialogs), dialogs
    assert "OtherScoring" in frame_by_url(page, "/paquets/").child_frames[0].url

    # On to the last page (the quiz), and pass it.
    for _ in range(12):
        launch.get_by_role("button", name="Next ->").click()
    answer_golf_quiz(page)
    expect(page.locator("#package-status")).to_contain_text("activité terminée, score 100 %")
    expect(page.locator("#package-result")).to_be_visible()
    attempt = wait_for_attempt(page, user, lambda a: a.is_completed)
    assert attempt.cmi["cmi.core.lesson_status"] == "passed"
    assert attempt.cmi["cmi.core.score.raw"] == "100"
    enrolment = Enrolment.objects.get(user=user, path=path)
    assert enrolment.progress_percent == 100

    # The page shown again says so.
    page.reload()
    expect(page.locator("#package-result")).to_contain_text("Votre score : 100 %")
    axe(page)
    assert csp_violations == []
