import re
import pytest
from courses.factories import build_path
from courses.models import CoursePage, LessonPage, QuizPage
from learners.factories import DEMO_PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

def test_explore(page, live_server, login):
    admin = UserFactory(email="admin.e2e@campus.example", is_superuser=True, is_staff=True)
    path = build_path(modules=1, lessons=1, quizzes=1)
    course = CoursePage.objects.first(); lesson = LessonPage.objects.first(); quiz = QuizPage.objects.first()
    messages = []
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error('VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample||'')))")
    page.on("console", lambda m: messages.append(f"[{m.type}] {m.text[:220]}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(f"[pageerror] {e}"))
    page.set_default_timeout(8000)
    login(page, admin.email, DEMO_PASSWORD)
    cms = live_server.url + "/cms/pages"
    messages.append("== quiz add question")
    page.goto(f"{cms}/{quiz.pk}/edit/")
    page.locator("#id_questions-ADD").evaluate("b => b.click()")
    page.wait_for_timeout(800)
    messages.append(f"   questions forms: {page.locator('[id^=inline_child_questions-]').count()}")
    messages.append("== course add session")
    page.goto(f"{cms}/{course.pk}/edit/")
    btns = page.locator("#id_sessions-ADD")
    messages.append(f"   buttons {btns.count()}")
    if btns.count():
        btns.evaluate("b => b.click()"); page.wait_for_timeout(800)
        start = page.locator("input[name$='-start']").first
        start.evaluate("i => i.focus()"); page.wait_for_timeout(500)
        messages.append(f"   datepicker visible: {page.locator('.xdsoft_datetimepicker:visible').count()}")
    messages.append("== lesson stream + chooser + preview + save")
    page.goto(f"{cms}/{lesson.pk}/edit/")
    page.wait_for_timeout(800)
    page.screenshot(path="/tmp/lesson_editor.png")
    print("\n".join(messages))
