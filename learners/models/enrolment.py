"""Enrolments: an agent following a training path, with progress kept in step by the services.

`progress_percent` and `completed_minutes` are stored (not computed on read) so that the manager
reports can aggregate them over thousands of agents; `learners.services.progress` updates them on
every completion and whenever the published structure of a path changes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def for_path(self, path):
        return self.filter(path=path)

    def active(self):
        """Not abandoned (enrolled, in progress or completed)."""
        return self.exclude(status=Enrolment.Status.ABANDONED)

    def ongoing(self):
        """Enrolled or in progress: what the agent still has to finish."""
        return self.filter(status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.IN_PROGRESS])

    def completed(self):
        return self.filter(status=Enrolment.Status.COMPLETED)


class Enrolment(models.Model):
    """An agent's enrolment in a path (one row per agent and path, whatever happens to it)."""

    class Status(models.TextChoices):
        ENROLLED = "inscrit", _("Inscrit")
        IN_PROGRESS = "en_cours", _("En cours")
        COMPLETED = "termine", _("Terminé")
        ABANDONED = "abandonne", _("Abandonné")

    class Origin(models.TextChoices):
        SELF = "self", _("Inscription par l’agent")
        ASSIGNED = "assigned", _("Formation assignée par un responsable")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="enrolments",
        on_delete=models.CASCADE,
    )
    # CASCADE: Wagtail's page deletion does not handle PROTECT (it would answer a 500); paths are
    # retired by unpublishing them, which keeps every enrolment.
    path = models.ForeignKey(
        "courses.TrainingPathPage",
        verbose_name=_("parcours"),
        related_name="enrolments",
        on_delete=models.CASCADE,
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.ENROLLED
    )
    origin = models.CharField(
        _("origine"), max_length=20, choices=Origin.choices, default=Origin.SELF
    )
    enrolled_at = models.DateTimeField(_("inscrit le"), default=timezone.now)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    completed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    abandoned_at = models.DateTimeField(_("abandonné le"), null=True, blank=True)
    cycle_started_at = models.DateTimeField(
        _("cycle de certification commencé le"),
        null=True,
        blank=True,
        help_text=_(
            "Renouvellement du certificat : seules les tentatives de quiz et les présences "
            "postérieures comptent pour le nouveau cycle. Vide pour le premier cycle."
        ),
    )
    last_activity_at = models.DateTimeField(_("dernière activité le"), null=True, blank=True)
    last_activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("dernière activité ouverte"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    progress_percent = models.PositiveSmallIntegerField(_("progression (%)"), default=0)
    completed_minutes = models.PositiveIntegerField(
        _("temps de formation validé (minutes)"), default=0
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "path"], name="learners_enrolment_unique_user_path"
            )
        ]
        indexes = [
            models.Index(fields=["user", "status"], name="learners_enrol_user_status"),
            models.Index(fields=["path", "status"], name="learners_enrol_path_status"),
            models.Index(fields=["status", "completed_at"], name="learners_enrol_status_done"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.path_id} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.ABANDONED

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED
