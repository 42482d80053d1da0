"""Create the peer's course, its lesson and an enrolled learner (once), and print them as JSON:
the pages' URLs, a session cookie for the learner, the versions served."""

import json
from importlib import import_module
from importlib.metadata import version

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, Locale, Page, Site
from wagtail_lms.models import CourseEnrollment, CoursePage, H5PLessonPage

LESSON_TEXT = "Peer benchmark lesson: reading a public service's accounts."
PARAGRAPHS = [
    f"<p>{LESSON_TEXT} This lesson is the one the benchmark serves.</p>",
    *(
        f"<h2>Part {number}</h2><p>A public service's accounts tell what it spends, on what, "
        "and with which means. This part reads one table of them, line by line, and explains "
        "what each column means, where its figures come from and how to check them.</p>"
        for number in range(1, 6)
    ),
]


class Command(BaseCommand):
    help = "Create the peer's course, lesson and learner; print them as JSON."

    def handle(self, *args, **options):
        with transaction.atomic():
            lesson, learner = self._content()
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store["_auth_user_id"] = str(learner.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = learner.get_session_auth_hash()
        store.create()
        course = lesson.get_parent()
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(learner)
        client.get(lesson.url)  # steady state: the second request is counted
        with CaptureQueriesContext(connection) as queries:
            status = client.get(lesson.url).status_code
        self.stdout.write(
            json.dumps(
                {
                    "course_url": course.url,
                    "lesson_url": lesson.url,
                    "lesson_text": LESSON_TEXT,
                    "cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}",
                    "lesson_status": status,
                    "lesson_queries": len(queries.captured_queries),
                    "versions": {
                        name: version(name) for name in ("wagtail-lms", "wagtail", "django")
                    },
                }
            )
        )

    def _content(self):
        lesson = H5PLessonPage.objects.filter(slug="lesson").first()
        learner = get_user_model().objects.filter(username="learner").first()
        if lesson is not None and learner is not None:
            return lesson, learner
        # What Wagtail's data migrations create (the tables come from the models).
        Locale.objects.get_or_create(language_code="en")
        if not Collection.objects.filter(depth=1).exists():
            Collection.add_root(name="Root")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=Page(title="Home", slug="home"))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        course = home.add_child(
            instance=CoursePage(
                title="Public accounts", slug="course", description="<p>One course.</p>"
            )
        )
        lesson = course.add_child(
            instance=H5PLessonPage(
                title="Reading the accounts",
                slug="lesson",
                intro="<p>What the accounts say.</p>",
                body=[("paragraph", text) for text in PARAGRAPHS],
            )
        )
        learner = get_user_model().objects.create_user("learner", "learner@peer.example")
        CourseEnrollment.objects.create(user=learner, course=course.specific)
        return lesson, learner
