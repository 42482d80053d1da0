"""URLs of the agent's session registrations: register, cancel, add to a calendar."""

from django.urls import path

from learners.sessions import views

urlpatterns = [
    path(
        "apprendre/sessions/<id:session_id>/inscription/",
        views.register_session,
        name="register_session",
    ),
    path(
        "apprendre/inscriptions/<id:registration_id>/annulation/",
        views.cancel_registration,
        name="cancel_registration",
    ),
    path(
        "apprendre/inscriptions/<id:registration_id>/agenda.ics",
        views.registration_calendar,
        name="registration_calendar",
    ),
]
