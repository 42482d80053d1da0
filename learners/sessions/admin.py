"""Trainers mark attendance in the Wagtail admin ("Présences"): their sessions, then one page
per session with a checkbox per confirmed agent. Administrators see every session."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import TrainingSession
from learners.accounts import permissions
from learners.common.exceptions import LearnerServiceError
from learners.sessions import services
from learners.sessions.models import SessionRegistration

Status = SessionRegistration.Status


def sessions_for(user):
    """The sessions whose attendance `user` may mark (theirs, or all for administrators)."""
    sessions = TrainingSession.objects.select_related("course", "trainer")
    if not permissions.is_administrator(user):
        sessions = sessions.filter(trainer=user)
    return sessions.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
        present_count=Count(
            "registrations",
            filter=Q(registrations__status=Status.CONFIRMED, registrations__attended=True),
        ),
    )


class AttendanceIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Présences")
    header_icon = "group"
    template_name = "learners/sessions/admin/attendance_index.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.may_see_attendance(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        now = timezone.now()
        sessions = sessions_for(self.request.user)
        return super().get_context_data(
            past_sessions=list(sessions.filter(start__lte=now).order_by("-start")[:100]),
            upcoming_sessions=list(sessions.filter(start__gt=now).order_by("start")),
            **kwargs,
        )


class AttendanceSessionView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    template_name = "learners/sessions/admin/attendance_session.html"

    def dispatch(self, request, *args, session_id: int, **kwargs):
        if not permissions.may_see_attendance(request.user):
            raise PermissionDenied
        self.session = (
            TrainingSession.objects.select_related("course", "trainer")
            .filter(pk=session_id)
            .first()
        )
        if self.session is None:
            raise Http404(_("Cette session n’existe pas."))
        if not permissions.may_mark_attendance(request.user, self.session):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Présences")

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("learners_attendance_index"), "label": _("Présences")},
            {"url": "", "label": str(self.session)},
        ]

    @property
    def has_started(self) -> bool:
        return self.session.start <= timezone.now()

    def get_context_data(self, **kwargs):
        registrations = (
            SessionRegistration.objects.filter(session=self.session)
            .current()
            .select_related("user__org_unit")
            .order_by("user__last_name", "user__first_name")
        )
        return super().get_context_data(
            session=self.session,
            confirmed=[r for r in registrations if r.status == Status.CONFIRMED],
            waitlisted=[r for r in registrations if r.status == Status.WAITLISTED],
            has_started=self.has_started,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        here = reverse("learners_attendance_session", args=[self.session.pk])
        if "cancel-session" in request.POST:
            return self.cancel(request, here)
        if not self.has_started:
            messages.error(
                request, _("Les présences se saisissent à partir du début de la session.")
            )
            return redirect(here)
        try:
            changed = services.mark_attendance(
                session=self.session,
                present=request.POST.getlist("present"),
                marked_by=request.user,
            )
        except (LearnerServiceError, ValueError):
            messages.error(request, _("Les présences n’ont pas pu être enregistrées."))
            return redirect(here)
        messages.success(
            request,
            _("Présences enregistrées (%(count)s modification(s)).") % {"count": changed},
        )
        return redirect(here)

    def cancel(self, request, here):
        """Cancel the session: its agents are told, its records kept."""
        try:
            told = services.cancel_session(
                session=self.session,
                cancelled_by=request.user,
                reason=request.POST.get("reason", ""),
            )
        except LearnerServiceError as error:
            messages.error(request, error.message)
            return redirect(here)
        messages.success(
            request,
            ngettext(
                "Session annulée : %(count)s agent est prévenu par courriel.",
                "Session annulée : %(count)s agents sont prévenus par courriel.",
                told,
            )
            % {"count": told},
        )
        return redirect(here)


# Wagtail admin: the trainers' "Présences" pages and their menu item.
class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_see_attendance(request.user)


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [
        path("presences/", AttendanceIndexView.as_view(), name="learners_attendance_index"),
        path(
            "presences/<id:session_id>/",
            AttendanceSessionView.as_view(),
            name="learners_attendance_session",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item():
    return AttendanceMenuItem(
        _("Présences"), reverse("learners_attendance_index"), icon_name="group", order=300
    )
