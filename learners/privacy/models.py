"""The audit log: who did what sensitive thing, to what, when and from where.

Append-only: an event is never changed nor deleted, neither through the ORM (save, delete and the
queryset's update/delete refuse) nor, on PostgreSQL, in SQL (a trigger, migration 0006). The one
change allowed is the database's own: when the actor's account is deleted, `actor` becomes NULL
(`actor_label` keeps who it was). Events are written by `learners.privacy.audit.record`.

RGPD erasure requests: an agent asks for their account to be erased; an administrator
confirms, and `services.erase_account` anonymises it (see learners/services/erasure.py).
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    """An audit event may only be added: never changed, never deleted."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be updated.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditLogIsAppendOnly("Audit events cannot be updated.")

    def for_target(self, obj):
        """Events about one object (any model)."""
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        ROLE_CHANGED = "role_changed", _("Rôle modifié")
        SCOPE_CHANGED = "scope_changed", _("Unités encadrées modifiées")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificat révoqué")
        IMPORT_APPLIED = "import_applied", _("Import de l’organisation appliqué")
        EXPORT_DOWNLOADED = "export_downloaded", _("Export téléchargé")
        ASSIGNMENT_CREATED = "assignment_created", _("Formation assignée")
        PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Données personnelles exportées")
        ACCOUNT_ERASED = "account_erased", _("Compte effacé")
        API_CALL = "api_call", _("Appel de l’API")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("auteur (au moment de l’action)"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=50, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("type de l’objet"), max_length=100, blank=True)
    target_id = models.CharField(_("identifiant de l’objet"), max_length=64, blank=True)
    target_label = models.CharField(_("objet"), max_length=255, blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement du journal d’audit")
        verbose_name_plural = _("journal d’audit")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.target_label or self.target_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")


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
