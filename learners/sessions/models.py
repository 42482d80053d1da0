"""Registrations to the dated sessions of a module (classe virtuelle, présentiel)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SessionRegistrationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def current(self):
        """Confirmed or on the waitlist (not cancelled)."""
        return self.filter(status__in=SessionRegistration.CURRENT_STATUSES)

    def confirmed(self):
        return self.filter(status=SessionRegistration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=SessionRegistration.Status.WAITLISTED)

    def upcoming(self):
        return self.filter(session__start__gt=timezone.now())


class SessionRegistration(models.Model):
    """An agent's seat (or place on the waitlist) in a session; one row per agent and session.

    The waitlist is ordered by `registered_at` (reset when an agent registers again after
    cancelling). Seats are allocated by `learners.sessions.services`, never here.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmee", _("Confirmée")
        WAITLISTED = "en_attente", _("Liste d’attente")
        CANCELLED = "annulee", _("Annulée")

    CURRENT_STATUSES = (Status.CONFIRMED, Status.WAITLISTED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        related_name="session_registrations",
        on_delete=models.CASCADE,
    )
    session = models.ForeignKey(
        "courses.TrainingSession",
        verbose_name=_("session"),
        related_name="registrations",
        # A session with registrations is cancelled, never deleted (its agents are told).
        on_delete=models.PROTECT,
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    registered_at = models.DateTimeField(_("inscrit le"), default=timezone.now)
    promoted_at = models.DateTimeField(_("sorti de la liste d’attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    attended = models.BooleanField(_("présent"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("présence saisie le"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présence saisie par"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = SessionRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription à une session")
        verbose_name_plural = _("inscriptions aux sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"], name="learners_registration_unique_user_session"
            )
        ]
        indexes = [
            models.Index(
                fields=["session", "status", "registered_at"], name="learners_reg_session_status"
            ),
            models.Index(fields=["user", "status"], name="learners_reg_user_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} — {self.session_id} ({self.get_status_display()})"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT_STATUSES
