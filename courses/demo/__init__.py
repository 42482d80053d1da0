"""The demo catalogue (`manage.py create_demo`, through `learners.demo.extra_steps()`).

Idempotent: a path whose slug exists is left as it is. Sessions get small capacities; the
"nearly full" session (the accessibility audit workshop, 8 seats) becomes nearly full once
`learners` registers demo agents to it.
TODO(#4): register six demo agents to `nearly_full_session()` in the progress demo step.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    catalogue,
    publish,
)
from courses.models import Theme, TrainingPathPage, TrainingSession

from .content import PATHS

NEARLY_FULL_PATH = "concevoir-un-service-numerique-accessible"


def _session_times(days: int, start: str, minutes: int):
    day = timezone.localdate() + datetime.timedelta(days=days)
    hour, minute = (int(part) for part in start.split(":"))
    begins = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    return begins, begins + datetime.timedelta(minutes=minutes)


def _objectives_html(objectives: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{objective}</li>" for objective in objectives) + "</ul>"


def create_path(fields: dict, modules: list, *, trainer=None) -> TrainingPathPage:
    fields = dict(fields)
    skills = fields.pop("skills", [])
    fields["theme"] = Theme.objects.get(slug=fields["theme"])
    fields["objectives"] = _objectives_html(fields["objectives"])
    fields["audience"] = f"<p>{fields['audience']}</p>"
    path = TrainingPathFactory(parent=catalogue(), **fields)
    path.skills.add(*skills)
    if trainer is not None:
        path.contact_trainers.add(trainer)
    path.save()
    for module_fields, activities, sessions in modules:
        module = CourseFactory(parent=path, **module_fields)
        for kind, title, minutes, content in activities:
            if kind == "lesson":
                LessonFactory(parent=module, title=title, duration_minutes=minutes, body=content)
            else:
                # Questions are specs (helper, arguments…), built afresh on every run: model
                # instances kept in a module would be reused, saved, then stale.
                questions = [helper(*arguments) for helper, *arguments in content]
                QuizFactory(
                    parent=module, title=title, duration_minutes=minutes, questions=questions
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
    return publish(path)


@transaction.atomic
def create_catalogue(accounts: dict) -> list[TrainingPathPage]:
    """Create the demo paths that do not exist yet; returns every demo path."""
    trainer = accounts.get("trainer")
    existing = set(TrainingPathPage.objects.values_list("slug", flat=True))
    for fields, modules in PATHS:
        if fields["slug"] not in existing:
            create_path(fields, modules, trainer=trainer)
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
