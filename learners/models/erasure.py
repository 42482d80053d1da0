"""RGPD erasure requests: an agent asks for their account to be erased; an administrator
confirms, and `services.erase_account` anonymises it (see learners/services/erasure.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ErasureRequest.Status.PENDING)


class ErasureRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "en_attente", _("En attente")
        DONE = "effectuee", _("Effectuée")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="erasure_requests",
        on_delete=models.CASCADE,
    )
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmée par"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)

    objects = ErasureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande d’effacement")
        verbose_name_plural = _("demandes d’effacement")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Asking twice is harmless: one pending request per agent.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="en_attente"),
                name="learners_erasure_one_pending_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_status_display()}"
