"""URLs of the agent's learning space: enrolment, the learning view, quizzes, Mon espace."""

from django.urls import path

from learners.learning.views import dashboard, enrolment, learning, packages

urlpatterns = [
    path("mon-espace/", dashboard.dashboard, name="dashboard"),
    path("parcours/<id:path_id>/inscription/", enrolment.enrol_path, name="enrol_path"),
    path("parcours/<id:path_id>/abandon/", enrolment.abandon_path, name="abandon_path"),
    path("parcours/<id:path_id>/reprendre/", enrolment.resume_path, name="resume_path"),
    path("apprendre/<id:activity_id>/", learning.learning_activity, name="learning_activity"),
    path("apprendre/<id:activity_id>/terminer/", learning.complete_lesson, name="complete_lesson"),
    path("apprendre/<id:activity_id>/quiz/", learning.submit_quiz, name="submit_quiz"),
    path("apprendre/<id:activity_id>/paquet/", packages.package_commit, name="package_commit"),
    path("apprendre/tentatives/<id:attempt_id>/", learning.quiz_attempt, name="quiz_attempt"),
]
