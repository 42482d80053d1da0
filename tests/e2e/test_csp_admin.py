"""The Content-Security-Policy leaves the campus working in a real browser.

The public pages and the Wagtail admin (dashboard, page editors, rich text, chooser modal, inline
panels, date picker, preview, draft saving) run without any CSP violation, and an inline script
that nobody gave a nonce is refused.
"""

import re

import pytest
from playwright.sync_api import expect

from courses.factories import build_path
from courses.models import CoursePage, LessonPage, QuizPage
from home.models import HomePage
from learners.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.e2e

# Reported through the console, so that violations in any page or frame of the journey are kept.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.fixture
def csp_violations(page):
    """CSP violations the browser reports while the test runs (console and events)."""
    violations = []
    page.add_init_script(REPORT_VIOLATIONS)

    def collect(message):
        if "Content Security Policy" in message.text or "CSP violation" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", collect)
    return violations


def test_csp_public_pages_run_without_violation(page, live_server, csp_violations):
    """Public pages load DSFR's scripts with the nonce and break no directive; a script
    injected without the nonce is refused."""
    path = build_path(title="Parcours sous CSP")
    for url in ["/", "/comptes/login/", "/catalogue/", path.url, "/accessibilite/", "/absente/"]:
        page.goto(live_server.url + url)
        # DSFR marks the document once its (nonce-carrying) module script has run.
        expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    assert csp_violations == []

    page.evaluate(
        """() => {
          const script = document.createElement('script');
          script.textContent = 'window.injected = true';
          document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected") is None
    assert any("script-src" in violation for violation in csp_violations)


def test_csp_wagtail_admin_editing_runs_without_violation(page, live_server, login, csp_violations):
    """An administrator edits pages in the Wagtail admin: every editor feature works under the
    CSP, and the draft is saved."""
    administrator = UserFactory(
        email="administratrice.csp@campus.example", is_superuser=True, is_staff=True
    )
    build_path(modules=1, lessons=1, quizzes=1)
    lesson, quiz = LessonPage.objects.get(), QuizPage.objects.get()
    course = CoursePage.objects.get()
    cms = f"{live_server.url}/cms"
    page.set_default_timeout(10_000)
    login(page, administrator.email, DEMO_PASSWORD)

    page.goto(f"{cms}/")
    expect(page.locator("#main h1, main h1").first).to_be_visible()
    page.goto(f"{cms}/pages/{HomePage.objects.get().pk}/edit/")
    expect(page.locator("#id_title")).to_be_visible()

    # Lesson: rich text typed in Draftail, preview in its frame, draft saved.
    page.goto(f"{cms}/pages/{lesson.pk}/edit/")
    editor = page.locator('[contenteditable="true"]').first
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Écrit sous CSP.")
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    preview = page.frame_locator("iframe[id$='preview-iframe'], .preview-panel iframe").first
    expect(preview.locator("h1")).to_contain_text(lesson.title)
    page.locator("button.action-save").first.click()
    page.wait_for_url(re.compile(rf"/cms/pages/{lesson.pk}/edit/"))
    expect(page.locator(".messages .success, [role=status]").first).to_be_visible()
    saved = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    assert "Écrit sous CSP." in str(saved.body)

    # A chooser modal (HTML loaded by script) opens from a new StreamField block.
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Document à télécharger").click()
    page.get_by_role("button", name="Choisir un document").last.click()
    expect(page.get_by_role("heading", name="Choisir un document")).to_be_visible()
    expect(page.get_by_label("Terme de recherche")).to_be_visible()

    # Inline panels: a question added to a quiz, a session (with its date picker) to a module.
    page.goto(f"{cms}/pages/{quiz.pk}/edit/")
    questions = page.locator("#id_questions-FORMS > [data-inline-panel-child]")
    count = questions.count()
    page.locator("#id_questions-ADD").evaluate("button => button.click()")
    expect(questions).to_have_count(count + 1)
    page.goto(f"{cms}/pages/{course.pk}/edit/")
    page.locator("#id_sessions-ADD").evaluate("button => button.click()")
    page.locator("input[name='sessions-0-start']").evaluate("input => input.focus()")
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()

    assert csp_violations == []
