"""Mandatory training: a manager's campaign assigns a path, with a due date, to agents.

An `Assignment` is one agent's share of a campaign. Its due date is copied from the campaign
so that "overdue" (due date passed, enrolment not completed) is an indexed query on one table;
completion is read from the linked enrolment, whose status
`learners.learning.services.progress` keeps in step.

Large team reports, generated in the background and downloaded by whoever asked for them.

Audit trail of organisation imports (HR extracts): who imported which file, and what changed.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.learning.models import Enrolment


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user, *, units, agents):
        """Campaigns a manager follows: created by them, aimed at a unit of their scope, or
        assigning one of their agents (`units` / `agents`: the manager's scope querysets)."""
        return self.filter(
            models.Q(created_by=user)
            | models.Q(unit__in=units)
            | models.Q(pk__in=Assignment.objects.filter(user__in=agents).values("campaign_id"))
        )


class Campaign(models.Model):
    """A mandatory-training campaign: one path, one due date, agents of a unit or chosen ones."""

    title = models.CharField(_("intitulé"), max_length=255)
    path = models.ForeignKey(
        "courses.TrainingPathPage",
        verbose_name=_("parcours"),
        related_name="campaigns",
        # Like enrolments: a path is retired by unpublishing it, deleting it deletes its history.
        on_delete=models.CASCADE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        related_name="campaigns_created",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    due_date = models.DateField(_("échéance"))
    message = models.TextField(_("message aux agents"), blank=True)
    unit = models.ForeignKey(
        "learners.OrgUnit",
        verbose_name=_("unité"),
        related_name="campaigns",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Vide quand la formation est assignée à des agents choisis un par un."),
    )
    include_subunits = models.BooleanField(_("avec les unités rattachées"), default=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne de formation obligatoire")
        verbose_name_plural = _("campagnes de formation obligatoire")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class AssignmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(enrolment__status=Enrolment.Status.COMPLETED)

    def not_completed(self):
        return self.exclude(enrolment__status=Enrolment.Status.COMPLETED)

    def overdue(self, today=None):
        """Due date passed and the path not completed (a null enrolment counts as not done)."""
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).not_completed()


class Assignment(models.Model):
    """One agent's mandatory training: enrolled (origin "assigned") with a due date."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campagne"),
        related_name="assignments",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="assignments",
        on_delete=models.CASCADE,
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("inscription"),
        related_name="assignments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    assigned_at = models.DateTimeField(_("assignée le"), default=timezone.now)
    due_date = models.DateField(_("échéance"))

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("formation assignée")
        verbose_name_plural = _("formations assignées")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"], name="learners_assignment_unique_campaign_user"
            )
        ]
        indexes = [
            models.Index(fields=["user", "due_date"], name="learners_assign_user_due"),
            models.Index(fields=["campaign"], name="learners_assign_campaign"),
            models.Index(fields=["due_date"], name="learners_assign_due"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.campaign}"

    @property
    def is_completed(self) -> bool:
        return self.enrolment is not None and self.enrolment.is_completed

    def is_overdue(self, today=None) -> bool:
        return not self.is_completed and self.due_date < (today or timezone.localdate())


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


class OrgImport(models.Model):
    """One uploaded HR file: checked first (dry run), then applied on confirmation."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importé par"),
        related_name="org_imports",
        on_delete=models.SET_NULL,
        null=True,
    )
    created_at = models.DateTimeField(_("déposé le"), default=timezone.now)
    file_name = models.CharField(_("nom du fichier"), max_length=255)
    # The file's text, kept so that the confirmation applies exactly what was checked.
    content = models.TextField(_("contenu"))
    summary = models.JSONField(_("bilan"), default=dict, blank=True)
    applied = models.BooleanField(_("appliqué"), default=False)
    applied_at = models.DateTimeField(_("appliqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("import de l’organisation")
        verbose_name_plural = _("imports de l’organisation")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"
