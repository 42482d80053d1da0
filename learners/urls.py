"""The agents' side of the campus, one include per capability (before Wagtail's catch-all)."""

from django.urls import include, path

urlpatterns = [
    # Sign-in, sign-up, MFA, ProConnect.
    path("", include("learners.accounts.urls")),
    # The agent's learning space: enrolment, learning view, quizzes, "Mon espace".
    path("", include("learners.learning.urls")),
    # Session registrations: register, cancel, calendar file.
    path("", include("learners.sessions.urls")),
    # Certificates: public verification, the agent's downloads, Open Badges 3.0.
    path("", include("learners.certification.urls")),
    # Managers' team reports, mandatory-training campaigns, organisation import ("Mon équipe").
    path("", include("learners.team.urls")),
    # "Mes données": the agent's RGPD export and erasure request.
    path("", include("learners.privacy.urls")),
    # Open statistics: public page, CSV and its Table Schema.
    path("", include("learners.stats.urls")),
]
