"""Modules of a path (CoursePage), their dated sessions (TrainingSession), and the reads of a
module's page: its live activities, the upcoming sessions with their seats."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses import providers
from courses.choices import TRAINERS_GROUP_NAME, Format
from courses.forms import CoursePageForm
from courses.models.activities import LessonPage
from courses.models.packages import H5PActivityPage, ScormActivityPage
from courses.models.quizzes import QuizPage
from courses.navigation import breadcrumb
from courses.permissions import PathTeamPermissions
from courses.publication_checks import ensure_publishable, removed_session_error


class CoursePage(PathTeamPermissions, Page):
    """A module of a path: lessons and quizzes, and dated sessions when it is not e-learning.

    A module whose format is classe virtuelle, présentiel or hybride is itself an activity (the
    *session activity*): it has `session_duration_minutes` and `attendance_required`, appears in
    the outline with the kind "session" and the module's page id, and attending one of its
    `sessions` completes it (recorded by `learners`).
    """

    summary = models.TextField(_("résumé"), blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.E_LEARNING
    )
    session_duration_minutes = models.PositiveIntegerField(
        _("durée d’une session (minutes)"),
        default=0,
        help_text=_("Pour les modules en classe virtuelle, présentiel ou hybride."),
    )
    attendance_required = models.BooleanField(
        _("présence obligatoire pour terminer le parcours"), default=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldRowPanel(
                    [FieldPanel("session_duration_minutes"), FieldPanel("attendance_required")]
                ),
                InlinePanel("sessions", label=_("session"), heading=_("Sessions")),
            ],
            heading=_("Format et sessions"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    # Served from the cache to anonymous visitors (campus/page_cache.py).
    anonymous_cache_seconds = 60
    base_form_class = CoursePageForm
    parent_page_types = ["courses.TrainingPathPage"]
    subpage_types = [
        "courses.LessonPage",
        "courses.QuizPage",
        "courses.ScormActivityPage",
        "courses.H5PActivityPage",
    ]

    class Meta:
        verbose_name = _("module")

    @property
    def has_sessions(self) -> bool:
        """True when the module is delivered in sessions (it is then a session activity)."""
        return self.format in Format.with_sessions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self, request))
        return context

    def with_content_json(self, content):
        """The module as a revision holds it, its sessions' operational fields (cancellation,
        what registrants were told) taken from the database: publishing a draft written before
        a cancellation does not bring the session back."""
        page = super().with_content_json(content)
        current = {
            row["pk"]: row
            for row in TrainingSession.objects.filter(course_id=self.pk).values(
                "pk", *TrainingSession.OPERATIONAL_FIELDS
            )
        }
        for session in page.sessions.all():
            for field in TrainingSession.OPERATIONAL_FIELDS:
                if session.pk in current:
                    setattr(session, field, current[session.pk][field])
        return page

    def sessions_with_registrations_removed(self) -> list["TrainingSession"]:
        """Sessions in the database, with registrations, that this version of the module no
        longer has: publishing it would delete them with their registrations."""
        kept = {session.pk for session in self.sessions.all() if session.pk}
        return list(
            TrainingSession.objects.filter(course_id=self.pk, registrations__isnull=False)
            .exclude(pk__in=kept)
            .distinct()
            .order_by("start")
        )

    def publication_errors(self) -> list[str]:
        return [
            removed_session_error(session) for session in self.sessions_with_registrations_removed()
        ]

    def publish(self, revision, *args, **kwargs):
        ensure_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)


class TrainingSession(Orderable):
    """A dated occurrence of a module: a virtual class, a day on site, or both."""

    course = ParentalKey(CoursePage, related_name="sessions", on_delete=models.CASCADE)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    location = models.CharField(_("lieu"), max_length=255, blank=True)
    visio_url = models.URLField(_("lien de la visioconférence"), blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), default=20)
    registration_deadline = models.DateTimeField(
        _("date limite d’inscription"),
        null=True,
        blank=True,
        help_text=_("Laisser vide : inscriptions possibles jusqu’au début de la session."),
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formateur"),
        related_name="training_sessions",
        limit_choices_to={"groups__name": TRAINERS_GROUP_NAME},
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    # Operations, not reviewed content: set by the cancellation and the change notices
    # (`learners.sessions`), kept from the database whatever revision is published
    # (`CoursePage.with_content_json`).
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("motif de l’annulation"), blank=True, editable=False)
    announced_schedule = models.CharField(
        _("horaires et lieu annoncés aux inscrits"), max_length=500, blank=True, editable=False
    )

    OPERATIONAL_FIELDS = ("cancelled_at", "cancellation_reason", "announced_schedule")

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("visio_url")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
        FieldPanel("trainer"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["start"])]

    def __str__(self) -> str:
        start = timezone.localtime(self.start).strftime("%d/%m/%Y %H:%M") if self.start else "?"
        return f"{self.course.title if self.course_id else ''} — {start}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def schedule(self) -> str:
        """What registrants are told of the session: when and where (compared on publication to
        what they were last told, `announced_schedule`)."""
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        return f"{start}|{end}|{self.location}|{self.visio_url}"[:500]

    @property
    def closes_at(self):
        """When registrations close: the deadline, or the start of the session."""
        return self.registration_deadline or self.start

    @property
    def is_open_for_registration(self) -> bool:
        return not self.is_cancelled and timezone.now() < self.closes_at

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("La fin doit être postérieure au début.")
        if not self.location.strip() and not self.visio_url:
            errors["location"] = _("Indiquez un lieu ou un lien de visioconférence.")
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            errors["registration_deadline"] = _(
                "La date limite d’inscription doit précéder le début de la session."
            )
        if self.capacity == 0:
            errors["capacity"] = _("Une session compte au moins une place.")
        if errors:
            raise ValidationError(errors)


def upcoming_sessions(course_ids) -> list[TrainingSession]:
    """Sessions of these modules that have not started, with `seats_taken` and `seats_left`."""
    sessions = list(
        TrainingSession.objects.filter(
            course_id__in=list(course_ids), start__gt=timezone.now(), cancelled_at__isnull=True
        )
        .select_related("course", "trainer")
        .order_by("start")
    )
    taken = providers.seats_taken(session.pk for session in sessions)
    for session in sessions:
        session.seats_taken = taken.get(session.pk, 0)
        session.seats_left = max(session.capacity - session.seats_taken, 0)
        session.is_nearly_full = 0 < session.seats_left <= max(2, session.capacity // 5)
    return sessions


def course_page_context(course, request) -> dict:
    """A module's page: its live lessons and quizzes in order, its upcoming sessions."""
    activities = sorted(
        [
            *LessonPage.objects.child_of(course).live().defer_streamfields(),
            *QuizPage.objects.child_of(course).live(),
            *ScormActivityPage.objects.child_of(course).live(),
            *H5PActivityPage.objects.child_of(course).live(),
        ],
        key=lambda page: page.path,
    )
    return {
        "activities": activities,
        "upcoming_sessions": upcoming_sessions([course.pk]) if course.has_sessions else [],
        "breadcrumb_pages": breadcrumb(course),
    }
