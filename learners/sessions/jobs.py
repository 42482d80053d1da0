"""Background entry points that run a sessions service, queued by receivers."""

from django.utils import timezone
from django_tasks import task

from courses.models import TrainingSession
from learners.sessions.services import promote_waitlist


@task()
def fill_module_sessions(course_id: int) -> int:
    """Give free seats of the module's upcoming sessions (capacity raised) to agents waiting."""
    promoted = 0
    for session in TrainingSession.objects.filter(course_id=course_id, start__gt=timezone.now()):
        promoted += len(promote_waitlist(session=session))
    return promoted
