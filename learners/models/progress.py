"""Progress: one row per agent and completed activity (lesson, quiz passed, session attended)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActivityCompletionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def for_path(self, path):
        return self.filter(path=path)


class ActivityCompletion(models.Model):
    """An activity completed by an agent, written once (unique per agent and activity).

    `activity` is the lesson or quiz page, or the module (CoursePage) of a session activity.
    `path` is denormalised for aggregation; `duration_minutes` is the activity's duration when it
    was completed, so training hours do not change when a trainer edits the activity afterwards.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="activity_completions",
        on_delete=models.CASCADE,
    )
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("activité"),
        related_name="completions",
        on_delete=models.CASCADE,
    )
    path = models.ForeignKey(
        "courses.TrainingPathPage",
        verbose_name=_("parcours"),
        related_name="activity_completions",
        on_delete=models.CASCADE,
    )
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"), default=0)
    completed_at = models.DateTimeField(_("terminée le"), default=timezone.now)

    objects = ActivityCompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("activité terminée")
        verbose_name_plural = _("activités terminées")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "activity"], name="learners_completion_unique_user_activity"
            )
        ]
        indexes = [
            models.Index(fields=["user", "path"], name="learners_compl_user_path"),
            models.Index(fields=["path", "activity"], name="learners_compl_path_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} — {self.activity_id}"
