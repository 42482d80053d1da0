"""The demo catalogue (`manage.py create_demo`, through `learners.demo.organisation.extra_steps()`).

Idempotent: a path whose slug exists is left as it is. Sessions get small capacities; the
"nearly full" session (the accessibility audit workshop, 8 seats) becomes nearly full once
`learners.demo.progress` registers demo agents to it. Besides the published paths, the demo
trainer has one draft path submitted to the review workflow, so the reviewer has something to
approve.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from courses.demo.content import PATHS
from courses.demo.path_in_review import PLAIN_LANGUAGE
from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    catalogue,
    publish,
)
from courses.models import Theme, TrainingPathPage, TrainingSession

NEARLY_FULL_PATH = "concevoir-un-service-numerique-accessible"


def _session_times(days: int, start: str, minutes: int):
    day = timezone.localdate() + datetime.timedelta(days=days)
    hour, minute = (int(part) for part in start.split(":"))
    begins = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return begins, begins + datetime.timedelta(minutes=minutes)


def _objectives_html(objectives: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{objective}</li>" for objective in objectives) + "</ul>"


def _build_path(fields: dict, modules: list, *, trainer=None, owner=None) -> TrainingPathPage:
    """The path and its pages, as drafts owned by `owner`."""
    fields = dict(fields)
    skills = fields.pop("skills", [])
    fields["theme"] = Theme.objects.get(slug=fields["theme"])
    fields["objectives"] = _objectives_html(fields["objectives"])
    fields["audience"] = f"<p>{fields['audience']}</p>"
    path = TrainingPathFactory(parent=catalogue(), owner=owner, **fields)
    path.skills.add(*skills)
    if trainer is not None:
        path.contact_trainers.add(trainer)
    path.save()
    for module_fields, activities, sessions in modules:
        module = CourseFactory(parent=path, owner=owner, **module_fields)
        for kind, title, minutes, content in activities:
            if kind == "lesson":
                LessonFactory(
                    parent=module, owner=owner, title=title, duration_minutes=minutes, body=content
                )
            else:
                # Questions are specs (helper, arguments…), built afresh on every run: model
                # instances kept in a module would be reused, saved, then stale.
                questions = [helper(*arguments) for helper, *arguments in content]
                QuizFactory(
                    parent=module,
                    owner=owner,
                    title=title,
                    duration_minutes=minutes,
                    questions=questions,
                )
        for days, start, minutes, location, visio_url, capacity in sessions:
            begins, ends = _session_times(days, start, minutes)
            TrainingSession.objects.create(
                course=module,
                start=begins,
                end=ends,
                location=location,
                visio_url=visio_url,
                capacity=capacity,
                trainer=trainer,
            )
    return path


def create_path(fields: dict, modules: list, *, trainer=None) -> TrainingPathPage:
    """A published path: its modules, activities and sessions, `trainer` as its contact."""
    return publish(_build_path(fields, modules, trainer=trainer))


def create_path_in_review(trainer) -> TrainingPathPage:
    """The demo trainer's draft path, submitted to the catalogue's workflow ("Relecture
    pédagogique") as the trainer would do in the admin: every page saved as a revision by the
    trainer, then the workflow started by the trainer."""
    fields, modules = PLAIN_LANGUAGE
    path = _build_path(fields, modules, trainer=trainer, owner=trainer)
    for page in path.get_descendants().specific().order_by("path"):
        page.save_revision(user=trainer)
    path.save_revision(user=trainer, log_action=True)
    workflow = path.get_workflow()
    if workflow is not None:
        workflow.start(path, trainer)
    return path


def _ensure_path_in_review(trainer) -> None:
    path = TrainingPathPage.objects.filter(slug=PLAIN_LANGUAGE[0]["slug"]).first()
    if path is not None and path.owner_id is None:
        # `create_demo --reset` deleted the trainer who wrote it (owner and requester are
        # set to NULL): write it again under the new demo trainer.
        path.delete()
        path = None
    if path is None:
        create_path_in_review(trainer)


@transaction.atomic
def create_catalogue(accounts: dict) -> list[TrainingPathPage]:
    """Create the demo paths that do not exist yet, and the trainer's path in review; returns
    every published demo path."""
    trainer = accounts.get("trainer")
    existing = set(TrainingPathPage.objects.values_list("slug", flat=True))
    for fields, modules in PATHS:
        if fields["slug"] not in existing:
            create_path(fields, modules, trainer=trainer)
    if trainer is not None:
        _ensure_path_in_review(trainer)
    return list(TrainingPathPage.objects.filter(slug__in=[fields["slug"] for fields, _ in PATHS]))


def nearly_full_session() -> TrainingSession | None:
    """The session the demo fills almost completely (once registrations exist)."""
    return (
        TrainingSession.objects.filter(
            course__path__startswith=TrainingPathPage.objects.get(slug=NEARLY_FULL_PATH).path
        )
        .order_by("start")
        .first()
    )
