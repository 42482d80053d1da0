"""One small campus where every URL taking an object id can be filled with a real id.

Built once per test module (see `world` in conftest.py) on top of the team tests' organisation
(tests/learners/team_builders.py): two units A and B, each with a manager; agent a1 in A
("agent"), agent b1 in B ("other agent"); plus a complete path (lessons, quiz, in-person
session) in which both agents are enrolled, have a quiz attempt, a session registration, a
certificate; and a ready team export for each manager.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page, Site

from courses.factories import H5PActivityFactory, ScormActivityFactory, publish
from courses.models import CatalogPage, CoursePage, LessonPage, QuizPage, SkillTag, Theme
from learners.accounts.permissions import REVIEWERS_GROUP
from learners.certification.models import Certificate
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import Enrolment
from learners.privacy.models import AuditEvent, ErasureRequest
from learners.sessions import services as sessions_services
from learners.team.models import TeamExport
from tests.learners.builders import learning_path, quiz_answers, session_of
from tests.learners.team.builders import build_org

ROLES = [
    "anonymous",
    "agent",
    "other_agent",
    "manager",
    "other_manager",
    "trainer",
    "reviewer",
    "administrator",
]


@dataclass
class Owned:
    """What one agent owns: the object ids a swap test substitutes."""

    enrolment: Enrolment
    attempt: object
    registration: object
    certificate: Certificate


@dataclass
class World:
    org: object
    users: dict
    path: object
    module: object
    lesson: object
    quiz: object
    session: object
    pages: dict
    agent: Owned
    other: Owned
    export: TeamExport
    other_export: TeamExport
    theme: Theme
    audit_event: AuditEvent
    extra: dict = field(default_factory=dict)

    def user(self, role):
        return AnonymousUser() if role == "anonymous" else self.users[role]


def _owned(user, path, quiz, session) -> Owned:
    enrolment = learning_services.enrol(user=user, path=path)
    attempt = learning_services.submit_quiz(
        user=user, quiz=quiz, answers=quiz_answers(quiz, right=False)
    )
    registration = sessions_services.register_for_session(user=user, session=session)
    certificate = Certificate.objects.create(
        user=user,
        enrolment=enrolment,
        path=path,
        enrolment_completed_at=timezone.now(),
        holder_name=user.get_full_name(),
        path_title=path.title,
    )
    return Owned(enrolment, attempt, registration, certificate)


def _export(manager, name) -> TeamExport:
    export = TeamExport.objects.create(
        requested_by=manager, table="agents", format="csv", status=TeamExport.Status.READY
    )
    export.file.save(f"{name}.csv", ContentFile(b"nom;unite\n"), save=True)
    return export


def build_world() -> World:
    org = build_org()
    reviewer = UserFactory(
        email="relecteur-securite@campus.example",
        groups=[Group.objects.get(name=REVIEWERS_GROUP)],
    )
    path = learning_path(title="Parcours de sécurité", session_module=True, trainer=org.trainer)
    module = CoursePage.objects.child_of(path).live().order_by("path").first()
    lesson = LessonPage.objects.descendant_of(path).live().first()
    quiz = QuizPage.objects.descendant_of(path).live().first()
    session = session_of(path)
    # A path only the other agent is enrolled in (abandoning it is the swap).
    other_only_path = learning_path(title="Parcours de B", lessons=1, quiz=False)
    learning_services.enrol(user=org.b1, path=other_only_path)
    # SCORM and H5P activities (optional: the path's completion rules stay those of its
    # lessons, quiz and session); their package rows have no files, which no page here reads.
    scorm = publish(ScormActivityFactory(parent=module, required=False))
    h5p = publish(H5PActivityFactory(parent=module, required=False))
    home = Site.objects.get(is_default_site=True).root_page.specific
    pages = {
        "HomePage": home,
        "CatalogPage": CatalogPage.objects.live().first(),
        "TrainingPathPage": path,
        "CoursePage": module,
        "LessonPage": lesson,
        "QuizPage": quiz,
        "ScormActivityPage": scorm,
        "H5PActivityPage": h5p,
    }
    assert all(isinstance(page, Page) for page in pages.values()), pages
    return World(
        org=org,
        users={
            "agent": org.a1,
            "other_agent": org.b1,
            "manager": org.manager,
            "other_manager": org.manager_b,
            "trainer": org.trainer,
            "reviewer": reviewer,
            "administrator": org.admin,
        },
        path=path,
        module=module,
        lesson=lesson,
        quiz=quiz,
        session=session,
        pages=pages,
        agent=_owned(org.a1, path, quiz, session),
        other=_owned(org.b1, path, quiz, session),
        export=_export(org.manager, "export-a"),
        other_export=_export(org.manager_b, "export-b"),
        theme=Theme.objects.order_by("pk").first(),
        audit_event=AuditEvent.objects.order_by("pk").first(),
        extra={
            "skill": SkillTag.objects.create(name="Sécurité", slug="securite"),
            "other_only_path": other_only_path,
            "erasure_request": ErasureRequest.objects.create(user=org.b1),
        },
    )
