"""E-mails to agents, each sent once, through the tasks framework.

Services call `enqueue_on_commit(task, *args)`: the task is queued only if the transaction
commits. A task calls `deliver_once(...)`, which records a `SentNotification` under a unique key
and sends the e-mail in one transaction: a task run twice (retry, duplicate enqueue) sends one
e-mail, and a failed send leaves no record, so a retry sends it.

E-mail templates: `template` is "<capability>/<name>", rendered from
`learners/templates/learners/<capability>/emails/<name>_subject.txt` (one line) and
`<name>_body.txt`, in French, with `context` plus `user` and `site_url`.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from learners.common.models import SentNotification

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits (a failure there is logged,
    never raised into the request that committed)."""
    transaction.on_commit(lambda: task.enqueue(*args), robust=True)


def deliver_once(
    *,
    kind: str,
    key: str,
    user,
    template: str,
    context: dict | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> bool:
    """Send the e-mail `template` to `user` unless the notification `key` was already sent,
    with `attachments` ((filename, content, MIME type), e.g. a session's calendar event).

    Returns True when the e-mail was sent now.
    """
    context = {"user": user, "site_url": settings.SITE_URL, **(context or {})}
    with transaction.atomic():
        _record, created = SentNotification.objects.get_or_create(
            key=key[:255], defaults={"kind": kind, "user": user}
        )
        if not created:
            logger.info("Notification %s already sent, skipped.", key)
            return False
        with translation.override("fr"):
            capability, name = template.split("/")
            folder = f"learners/{capability}/emails/{name}"
            subject = render_to_string(f"{folder}_subject.txt", context)
            body = render_to_string(f"{folder}_body.txt", context)
        message = EmailMessage(" ".join(subject.split()), body, None, [user.email])
        for filename, content, mimetype in attachments or []:
            message.attach(filename, content, mimetype)
        message.send()
    return True
