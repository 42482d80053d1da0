"""A record of every notification sent, so that each one is sent once.

`key` identifies the event ("session_confirmed:registration:42:1767225600"); the sending task
inserts the row and sends in one transaction, and skips when the key exists. Reminders and other
notifications of the campus reuse it through `learners.common.notifications.deliver_once`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentNotification(models.Model):
    kind = models.CharField(_("type"), max_length=50, db_index=True)
    key = models.CharField(_("clé"), max_length=255, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        related_name="sent_notifications",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    sent_at = models.DateTimeField(_("envoyée le"), default=timezone.now)

    class Meta:
        verbose_name = _("notification envoyée")
        verbose_name_plural = _("notifications envoyées")

    def __str__(self) -> str:
        return self.key
