"""Mandatory training: a manager's campaign assigns a path, with a due date, to agents.

An `Assignment` is one agent's share of a campaign. Its due date is copied from the campaign
so that "overdue" (due date passed, enrolment not completed) is an indexed query on one table;
completion is read from the linked enrolment, whose status `learners.services.progress` keeps
in step.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.models.enrolment import Enrolment


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
