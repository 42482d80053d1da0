"""Enrolments: an agent following a training path, with progress kept in step by the services.

`progress_percent` and `completed_minutes` are stored (not computed on read) so that the manager
reports can aggregate them over thousands of agents; `learners.learning.services.progress`
updates them on every completion and whenever the published structure of a path changes.

Progress: one row per agent and completed activity (lesson, quiz passed, session attended).

Quiz attempts: answers as submitted, scored on the server.
"""

import uuid

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

    def update(self, **kwargs):
        """Every change stamps `updated_at` (HR systems synchronise on it through the API), the
        services' single-statement updates as much as `save()`."""
        kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)


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
    certification_cycle = models.PositiveIntegerField(
        _("cycle de certification"),
        default=1,
        help_text=_("1 pour le premier parcours, puis +1 à chaque renouvellement du certificat."),
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
    # Last change of any field (also set by the queryset's `update`): the API's `updated_since`.
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

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
            models.Index(fields=["updated_at", "id"], name="learners_enrol_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.path_id} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.ABANDONED

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def resume_label(self) -> str:
        """What the button that opens the path says: Commencer, Reprendre or Revoir."""
        if self.is_completed:
            return _("Revoir le parcours")
        if self.last_activity_id is None and not self.progress_percent:
            return _("Commencer")  # no activity opened yet
        return _("Reprendre")


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


class QuizAttemptQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def for_quiz(self, quiz):
        return self.filter(quiz=quiz)

    def passed(self):
        return self.filter(passed=True)


class QuizAttempt(models.Model):
    """One submission of a quiz.

    `answers` is {question id (str): [choice ids]} as the agent answered; `score` is the percentage
    of questions answered exactly right (a multiple-choice question counts only with every correct
    choice and no wrong one). `submission_key` comes from the form, so that a repeated POST of the
    same form returns the first attempt instead of using up another one.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="quiz_attempts",
        on_delete=models.CASCADE,
    )
    quiz = models.ForeignKey(
        "courses.QuizPage",
        verbose_name=_("quiz"),
        related_name="attempts",
        on_delete=models.CASCADE,
    )
    enrolment = models.ForeignKey(
        "learners.Enrolment",
        verbose_name=_("inscription"),
        related_name="quiz_attempts",
        on_delete=models.CASCADE,
    )
    answers = models.JSONField(_("réponses"), default=dict)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    correct_count = models.PositiveSmallIntegerField(_("bonnes réponses"), default=0)
    question_count = models.PositiveSmallIntegerField(_("questions"), default=0)
    passed = models.BooleanField(_("réussi"))
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    duration_seconds = models.PositiveIntegerField(_("durée (secondes)"), null=True, blank=True)
    submission_key = models.UUIDField(_("clé d’envoi"), default=uuid.uuid4, unique=True)

    objects = QuizAttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("tentative de quiz")
        verbose_name_plural = _("tentatives de quiz")
        ordering = ["-submitted_at"]
        indexes = [
            # Best score per (agent, quiz) is an index-only lookup (certification rule, #5).
            models.Index(fields=["user", "quiz", "-score"], name="learners_attempt_best"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} — {self.quiz_id} — {self.score} %"


class PackageAttemptQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def for_activity(self, activity_id: int):
        return self.filter(activity_id=activity_id)


class PackageAttempt(models.Model):
    """An agent's state in one SCO of a SCORM package, or in an H5P content (`sco` = "").

    `cmi` is the data model as the player last committed it (SCORM: the flattened elements,
    e.g. {"cmi.core.lesson_status": "completed"}; H5P: {"state": "…", "result": {…}}), checked
    by `learners.learning.packages`. `attempt_key` is the page load that wrote it, `sequence`
    its last commit number: commits of one page load apply in order, each once.
    `completion_status`, `success_status` and `score_scaled` are read from `cmi` on each commit.
    """

    class Completion(models.TextChoices):
        UNKNOWN = "unknown", _("Inconnu")
        NOT_ATTEMPTED = "not attempted", _("Non commencé")
        INCOMPLETE = "incomplete", _("En cours")
        COMPLETED = "completed", _("Terminé")

    class Success(models.TextChoices):
        UNKNOWN = "unknown", _("Inconnu")
        PASSED = "passed", _("Réussi")
        FAILED = "failed", _("Échoué")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="package_attempts",
        on_delete=models.CASCADE,
    )
    path = models.ForeignKey(
        "courses.TrainingPathPage",
        verbose_name=_("parcours"),
        related_name="+",
        on_delete=models.CASCADE,
    )
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("activité"),
        related_name="package_attempts",
        on_delete=models.CASCADE,
    )
    package = models.ForeignKey(
        "courses.ContentPackage",
        verbose_name=_("paquet"),
        related_name="attempts",
        on_delete=models.PROTECT,
    )
    sco = models.CharField(_("SCO"), max_length=255, blank=True)
    cmi = models.JSONField(_("données du module"), default=dict)
    attempt_key = models.UUIDField(_("chargement de la page"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("dernier envoi"), default=0)
    completion_status = models.CharField(
        _("achèvement"), max_length=20, choices=Completion.choices, default=Completion.UNKNOWN
    )
    success_status = models.CharField(
        _("réussite"), max_length=20, choices=Success.choices, default=Success.UNKNOWN
    )
    score_scaled = models.DecimalField(
        _("score (-1 à 1)"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    created_at = models.DateTimeField(_("commencé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mis à jour le"), default=timezone.now)

    objects = PackageAttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("suivi d’un module SCORM ou H5P")
        verbose_name_plural = _("suivis de modules SCORM ou H5P")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "activity", "sco"], name="learners_package_attempt_unique"
            )
        ]
        indexes = [
            models.Index(fields=["user", "path"], name="learners_pkg_user_path"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} — {self.activity_id} — {self.sco or 'h5p'}"

    @property
    def is_completed(self) -> bool:
        return self.completion_status == self.Completion.COMPLETED

    @property
    def score_percent(self) -> int | None:
        if self.score_scaled is None:
            return None
        return max(0, min(100, int(self.score_scaled * 100)))
