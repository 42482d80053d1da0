"""Background entry points that run a sessions service, queued by receivers."""

from django.utils import timezone
from django_tasks import task

from courses.models import CoursePage, TrainingSession
from learners.sessions.services import announce_schedule_changes, promote_waitlist


@task()
def fill_module_sessions(course_id: int) -> int:
    """Give free seats of the module's upcoming sessions (capacity raised) to agents waiting."""
    promoted = 0
    for session in TrainingSession.objects.filter(course_id=course_id, start__gt=timezone.now()):
        promoted += len(promote_waitlist(session=session))
    return promoted


@task()
def announce_module_schedule_changes(course_id: int) -> int:
    """Tell the registered agents of the module's sessions whose date or place changed."""
    course = CoursePage.objects.filter(pk=course_id).first()
    return announce_schedule_changes(course=course) if course is not None else 0
