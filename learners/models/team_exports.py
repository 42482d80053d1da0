"""Large team reports, generated in the background and downloaded by whoever asked for them."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def team_export_storage() -> FileSystemStorage:
    """Private files (they list agents): never served by URL, only by the download view to
    their requester."""
    root = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or os.path.join(
        settings.MEDIA_ROOT, "private"
    )
    return FileSystemStorage(location=os.path.join(str(root), "exports-equipe"), base_url=None)


class TeamExport(models.Model):
    """A report (agents or paths table) too large to build during the request."""

    class Status(models.TextChoices):
        PENDING = "en_attente", _("En attente")
        RUNNING = "en_cours", _("En cours de préparation")
        READY = "pret", _("Prêt")
        FAILED = "echec", _("Échec")

    class Table(models.TextChoices):
        AGENTS = "agents", _("Agents")
        PATHS = "parcours", _("Parcours")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX (Excel)"
        ODS = "ods", "ODS (OpenDocument)"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        related_name="team_exports",
        on_delete=models.CASCADE,
    )
    table = models.CharField(_("tableau"), max_length=20, choices=Table.choices)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    # The manager's filters (GET parameters of the team page), replayed by the task.
    filters = models.JSONField(_("filtres"), default=dict, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # Stored under a random name; served only through the download view, to its requester.
    file = models.FileField(
        _("fichier"), storage=team_export_storage, upload_to="%Y/%m/", blank=True, max_length=200
    )
    row_count = models.PositiveIntegerField(_("lignes"), default=0)
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("export d’équipe")
        verbose_name_plural = _("exports d’équipe")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_table_display()} ({self.format}) — {self.requested_by}"

    @property
    def download_name(self) -> str:
        return f"{self.table}-{self.created_at:%Y-%m-%d}.{self.format}"
