"""The outbox of xAPI statements: one row per statement, written in the transaction of the
learning event it describes, sent to the LRS by `services.send_pending`.

A row is marked sent only after the LRS answered; a statement sent twice (worker killed between
the LRS's answer and the commit) is harmless, its id being ours (UUID5 of the event).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StatementOutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending or failed statements whose next attempt is due, oldest first."""
        now = now or timezone.now()
        return self.filter(
            status__in=[StatementOutbox.Status.PENDING, StatementOutbox.Status.FAILED],
            next_attempt_at__lte=now,
        ).order_by("next_attempt_at", "pk")

    def unsent(self):
        return self.exclude(status=StatementOutbox.Status.SENT)


class StatementOutbox(models.Model):
    """An xAPI statement waiting for (or delivered to) the Learning Record Store."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        SENT = "sent", _("Envoyée")
        FAILED = "failed", _("En échec (nouvel essai prévu)")

    statement_id = models.UUIDField(_("identifiant de la déclaration"), unique=True)
    statement = models.JSONField(_("déclaration xAPI"))
    # SET_NULL: the statement of an account deleted outright is still sent (it names no one).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative le"), default=timezone.now)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    objects = StatementOutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("déclaration xAPI")
        verbose_name_plural = _("déclarations xAPI")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="learners_xapi_due"),
            # The sender's batches, oldest first, read in index order: without it each batch
            # sorted the whole backlog (167 ms and 10 MB on disk per batch at 10,000 pending).
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status__in=["pending", "failed"]),
                name="learners_xapi_due_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} ({self.status})"
