"""Quiz attempts: answers as submitted, scored on the server."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
