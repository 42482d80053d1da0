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

from courses.factories import CourseFactory, TrainingPathFactory, publish
from courses.models import ScormActivityPage
from learners.accounts.permissions import TRAINERS_GROUP
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
    real_package,
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


@pytest.fixture(autouse=True)
def _patient_expectations():
    """A package loads the player, its runtime and the content: give assertions 15 s."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(autouse=True)
def _no_smooth_scrolling(page):
    """The DSFR scrolls smoothly: Playwright would click where a link was before the scroll
    ended (a link above the tall package frame). With reduced motion, the DSFR does not."""
    page.emulate_media(reduced_motion="reduce")


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


def click(locator) -> None:
    """Click once the page stopped scrolling: playing a SCO scrolls the campus page (its frame
    takes the focus), and a link above the tall frame would otherwise move under the click."""
    locator.scroll_into_view_if_needed()
    box = None
    for _ in range(20):
        now = locator.bounding_box()
        if now == box:
            break
        box = now
        locator.page.wait_for_timeout(100)
    locator.click()


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
              const field = document.getElementById(`question_${question.Id}_Text`);
              field.value = question.CorrectAnswer;
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


def test_e2e_scorm12_many_scos_table_of_contents(page, origins, login, axe):
    """RuntimeMinimumCalls (SCORM 1.2, 19 SCOs that only call LMSInitialize and LMSFinish): the
    table of contents opens each SCO (the quizzes with their item parameters); a SCO left is
    saved as completed (the LMS's rule when a SCO sets no status) and marked so."""
    campus, _content = origins
    path = package_path(stored(SCORM12_MULTI))
    user = agent_on(path)
    (activity,) = activity_ids(path)
    page.set_default_timeout(15_000)
    login(page, AGENT, DEMO_PASSWORD)

    open_activity(page, campus, activity)
    toc = page.get_by_role("navigation", name="Sommaire du module")
    expect(toc.get_by_role("link", name="How to Play")).to_have_attribute("aria-current", "page")
    expect(toc.get_by_text("Playing the Game")).to_be_visible()  # a heading, not a link
    expect(toc.get_by_role("link", name="Playing the Game")).to_have_count(0)
    expect(sco(page).locator("body")).to_contain_text("Golf")
    axe(page)

    # The quiz of the first part, from the table of contents: launched with its parameters.
    click(toc.get_by_role("link", name="Playing Golf Quiz"))
    expect(page).to_have_url(re.compile(r"\?sco="))
    expect(toc.get_by_role("link", name="Playing Golf Quiz")).to_have_attribute(
        "aria-current", "page"
    )
    quiz = frame_by_url(page, "assessmenttemplate.html?questions=Playing")
    assert quiz.url.endswith("shared/assessmenttemplate.html?questions=Playing")
    first = PackageAttempt.objects.get(user=user, sco=activity_scos(path)[0])
    assert first.cmi["cmi.core.lesson_status"] == "completed"
    expect(toc.get_by_role("link", name=re.compile("How to Play"))).to_contain_text("terminé")
    axe(page)


def activity_scos(path):
    from courses.models import ScormActivityPage

    page = ScormActivityPage.objects.get(path__startswith=path.path)
    return page.package.sco_identifiers


def test_e2e_scorm2004_basic_calls_quiz(page, origins, login, axe, csp_violations):
    """RuntimeBasicCalls (SCORM 2004 3rd edition): the agent goes through the course to the quiz
    and passes it: completed, passed, score 100 %; leaving and coming back restores the location."""
    campus, _content = origins
    path = package_path(stored(SCORM2004))
    user = agent_on(path)
    (activity,) = activity_ids(path)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.set_default_timeout(15_000)
    login(page, AGENT, DEMO_PASSWORD)

    open_activity(page, campus, activity)
    launch = sco(page)
    expect(launch.frame_locator("#contentFrame").locator("body")).to_contain_text("Golf")
    for _ in range(2):
        launch.get_by_role("button", name="Next ->").click()
    wait_for_attempt(page, user, lambda a: a.cmi.get("cmi.location") == "2")
    # Leave by the campus's own link: the SCO is unloaded first and suspends.
    click(page.get_by_role("link", name="Mon espace").first)
    page.wait_for_url(re.compile(r"/mon-espace/|/$"))
    axe(page)
    attempt = wait_for_attempt(page, user, lambda a: a.cmi.get("cmi.exit") == "suspend")
    assert attempt.cmi["cmi.completion_status"] == "incomplete"

    open_activity(page, campus, activity)
    expect(launch.frame_locator("#contentFrame").locator("body")).to_contain_text("Golf")
    assert any("resume" in message for message in dialogs), dialogs
    assert "Scoring.html" in frame_by_url(page, "/paquets/").child_frames[0].url
    for _ in range(13):
        launch.get_by_role("button", name="Next ->").click()
    answer_golf_quiz(page)
    expect(page.locator("#package-status")).to_contain_text("activité terminée, score 100 %")
    attempt = wait_for_attempt(page, user, lambda a: a.is_completed)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "passed")
    assert attempt.cmi["cmi.score.scaled"] == "1"
    axe(page)
    assert csp_violations == []


def test_e2e_scorm2004_sequencing_post_test_rollup(page, origins, login, axe):
    """SequencingPostTestRollup (SCORM 2004 3rd edition, 5 SCOs): each content SCO completes on
    its last page, the Quiz SCO reports the score; the activity completes with every SCO, with
    the quiz's score (sequencing rules are not enforced: the table of contents opens any SCO)."""
    campus, _content = origins
    path = package_path(stored(SCORM2004_ROLLUP))
    user = agent_on(path)
    (activity,) = activity_ids(path)
    page.on("dialog", lambda dialog: dialog.accept())
    page.set_default_timeout(15_000)
    login(page, AGENT, DEMO_PASSWORD)
    scos = activity_scos(path)
    toc = page.get_by_role("navigation", name="Sommaire du module")

    open_activity(page, campus, activity)
    axe(page)
    pages = {"Playing the Game": 4, "Etiquette": 2, "Handicapping": 3, "Having Fun": 2}
    for number, (title, next_clicks) in enumerate(pages.items()):
        if number:
            click(toc.get_by_role("link", name=title))
        expect(toc.get_by_role("link", name=re.compile(title))).to_have_attribute(
            "aria-current", "page"
        )
        launch = sco(page)
        expect(launch.frame_locator("#contentFrame").locator("body")).to_contain_text("Golf")
        for _ in range(next_clicks):
            launch.get_by_role("button", name="Next ->").click()
        wait_for_attempt(
            page,
            user,
            lambda a: a.cmi.get("cmi.completion_status") == "completed",
            sco=scos[number],
        )
    click(toc.get_by_role("link", name="Quiz"))
    answer_golf_quiz(page)
    expect(page.locator("#package-status")).to_contain_text("activité terminée, score 100 %")
    quiz = wait_for_attempt(page, user, lambda a: a.is_completed, sco=scos[4])
    assert quiz.cmi["cmi.success_status"] == "passed"
    assert Enrolment.objects.get(user=user, path=path).progress_percent == 100
    axe(page)


def h5p_content(page):
    """The H5P content: h5p-standalone renders it in a frame of its own inside the player."""
    return page.frame_locator("#package-frame").frame_locator("iframe")


def test_e2e_h5p_true_false_answer_and_resume(page, origins, login, axe, csp_violations):
    """H5P True/False: the agent answers "Faux" (right), checks: the result is saved (completed,
    score 1/1 → 100 %), and shows again when they come back."""
    campus, _content = origins
    path = package_path(stored(H5P_TRUEFALSE))
    user = agent_on(path)
    (activity,) = activity_ids(path)
    page.set_default_timeout(15_000)
    login(page, AGENT, DEMO_PASSWORD)

    open_activity(page, campus, activity)
    content = h5p_content(page)
    expect(content.get_by_text("Is this false?")).to_be_visible()
    axe(page)
    content.get_by_role("radio", name="False").click()
    content.get_by_role("button", name="Check").click()
    expect(page.locator("#package-status")).to_contain_text("activité terminée, score 100 %")
    attempt = wait_for_attempt(page, user, lambda a: a.is_completed)
    assert attempt.score_percent == 100
    axe(page)

    # Back later: the answer given is shown again (the H5P state was saved with the result).
    page.goto(f"{campus}/")
    open_activity(page, campus, activity)
    expect(h5p_content(page).get_by_role("radio", name="False")).to_have_attribute(
        "aria-checked", "true"
    )
    expect(page.locator("#package-result")).to_contain_text("Votre score : 100 %")
    assert csp_violations == []


def correct_answers(package) -> dict[str, set[str]]:
    """{question text: its right answers} from the Question Set's content.json."""
    content = json.loads((package.folder / "content" / "content.json").read_text())
    strip = lambda html: re.sub(r"<[^>]+>|\s+", " ", html).strip()  # noqa: E731
    return {
        strip(question["params"]["question"]): {
            strip(answer["text"]) for answer in question["params"]["answers"] if answer["correct"]
        }
        for question in content["questions"]
    }


def test_e2e_h5p_question_set(page, origins, login, axe):
    """H5P Question Set (5 of 10 multiple-choice questions, in random order): the agent answers
    each question right and finishes; the set's `completed` statement is saved with the score."""
    campus, _content = origins
    package = stored(H5P_QUESTIONSET)
    answers = correct_answers(package)
    path = package_path(package)
    user = agent_on(path)
    (activity,) = activity_ids(path)
    page.set_default_timeout(15_000)
    login(page, AGENT, DEMO_PASSWORD)

    open_activity(page, campus, activity)
    content = h5p_content(page)
    content.get_by_role("button", name="Start Quiz").click()
    for number in range(5):
        question = content.locator(".question-container:visible")
        text = re.sub(r"\s+", " ", question.locator(".h5p-question-introduction").inner_text())
        right = next(found for q, found in answers.items() if q.strip() == text.strip())
        options = question.get_by_role("radio")
        texts = [" ".join(text.split()) for text in options.all_inner_texts()]
        for answer in right:
            # TeX is shown as typed (MathJax is a CDN script, which the content origin refuses).
            index = next(
                (i for i, text in enumerate(texts) if text == answer),
                next(i for i, text in enumerate(texts) if text.startswith(answer[:20])),
            )
            options.nth(index).click()
        question.get_by_role("button", name="Check").click()
        # H5P draws these as links without href, named by aria-label.
        last = number == 4
        content.locator(
            ".h5p-question-finish:visible" if last else ".h5p-question-next:visible"
        ).click()
    expect(page.locator("#package-status")).to_contain_text("activité terminée, score 100 %")
    attempt = wait_for_attempt(page, user, lambda a: a.is_completed)
    assert attempt.score_percent == 100
    axe(page)


def test_e2e_trainer_uploads_a_scorm_package(page, origins, login, axe, tmp_path):
    """A trainer adds a SCORM activity in the Wagtail admin: a file that is not a package is
    refused with a French message, the real package is accepted and summarised; once the path is
    published, an agent plays it."""
    from django.contrib.auth.models import Group

    campus, _content = origins
    trainer = UserFactory(
        email="formatrice.paquets@campus.example",
        groups=[Group.objects.get(name=TRAINERS_GROUP)],
    )
    path = TrainingPathFactory(title="Parcours golf", owner=trainer)
    module = CourseFactory(parent=path, title="Le golf en SCORM")
    page.set_default_timeout(15_000)
    login(page, trainer.email, DEMO_PASSWORD)

    add_url = f"{campus}/cms/pages/add/courses/scormactivitypage/{module.pk}/"

    def fill_and_save(package_file) -> None:
        page.goto(add_url)
        page.wait_for_load_state("networkidle")  # Wagtail's form controllers are ready
        page.locator("#id_title").fill("Golf expliqué")
        page.locator("#id_duration_minutes").fill("20")
        page.locator("#id_slug").evaluate("input => { input.value = 'golf-explique'; }")
        page.locator("#id_package_file").set_input_files(package_file)
        with page.expect_navigation(timeout=30_000):
            page.locator("button.action-save").first.click()

    not_a_package = tmp_path / "notes.zip"
    not_a_package.write_bytes(b"ceci n'est pas une archive")
    fill_and_save(not_a_package)
    expect(page.locator(".error-message").first).to_contain_text(
        "Ce fichier n’est pas une archive zip lisible"
    )
    assert not ScormActivityPage.objects.filter(title="Golf expliqué").exists()

    fill_and_save(real_package(SCORM12))
    page.wait_for_load_state()
    assert re.search(r"/cms/pages/\d+/edit/", page.url), page.locator(
        ".error-message, .messages"
    ).all_inner_texts()
    activity = ScormActivityPage.objects.get(title="Golf expliqué")
    assert activity.package.kind == "scorm12"
    expect(page.get_by_text("Paquet actuel")).to_contain_text("Golf Explained")

    # Published, the activity plays for an enrolled agent.
    publish(path.specific)
    page.context.clear_cookies()
    agent_on(path)
    login(page, AGENT, DEMO_PASSWORD)
    open_activity(page, campus, activity.pk)
    expect(sco(page).frame_locator("#contentFrame").locator("body")).to_contain_text("Golf")
    axe(page)
