"""Admin registrations of the learners app: the trainers' "Présences" (attendance) pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from learners import permissions
from learners.views.attendance import AttendanceIndexView, AttendanceSessionView


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_see_attendance(request.user)


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [
        path("presences/", AttendanceIndexView.as_view(), name="learners_attendance_index"),
        path(
            "presences/<int:session_id>/",
            AttendanceSessionView.as_view(),
            name="learners_attendance_session",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item():
    return AttendanceMenuItem(
        _("Présences"), reverse("learners_attendance_index"), icon_name="group", order=300
    )


# Registered on import: the administrators' read-only "Journal d’audit" and "Demandes
# d’effacement" (RGPD) (#8), and their "Certificats" listing (#5); the "Statistiques des
# parcours" report of trainers, reviewers and administrators.
from learners import audit_admin, erasure_admin, path_stats_admin  # noqa: E402, F401
from learners.certification import admin as certification_admin  # noqa: E402, F401
