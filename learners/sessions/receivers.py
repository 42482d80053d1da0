"""Keeps the modules' waiting lists moving: when a module is published (its sessions edited,
seats added), free seats go to the agents waiting, in a task queued after the publication
commits. Connected in `LearnersConfig.ready()`; no query at signal time.
"""

from wagtail.signals import page_published

from courses.models import CoursePage
from learners.common.notifications import enqueue_on_commit


def on_module_published(sender, instance, **kwargs):
    from learners.sessions.tasks import fill_module_sessions

    enqueue_on_commit(fill_module_sessions, instance.pk)


def connect() -> None:
    page_published.connect(
        on_module_published, sender=CoursePage, dispatch_uid="learners_sessions_module_published"
    )
