from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    """One app label, `learners`, for the agents' side of the campus; its code lives in one
    package per capability (README, "Architecture")."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "learners"
    verbose_name = _("Agents et organisation")

    def ready(self):
        from django.urls import register_converter

        from learners.common.converters import IdConverter

        # `<id:…>` in the capabilities' URLs: an id no column can hold answers 404.
        register_converter(IdConverter, "id")

        from courses import providers
        from learners.accounts import checks as account_checks
        from learners.certification import checks, receivers
        from learners.certification import selectors as certification_selectors
        from learners.certification import services as certification_services
        from learners.learning import receivers as learning_receivers
        from learners.learning import selectors as learning_selectors
        from learners.learning.views import learning as learning_views
        from learners.sessions import receivers as sessions_receivers
        from learners.sessions import selectors as sessions_selectors
        from learners.team.dashboard import fill_assignments

        # The catalogue's pages show seats and the agent's own state through these hooks.
        providers.register_seats_taken(sessions_selectors.confirmed_registrations_by_session)
        providers.register_learner_state(learning_selectors.path_state_for)
        # Published structure changes refresh progress and the modules' sessions.
        learning_receivers.connect()
        sessions_receivers.connect()
        # Learning events become xAPI statements in their own transaction (the outbox).
        from learners.xapi import receivers as xapi_receivers

        xapi_receivers.connect()
        # Certification: issue certificates on completion; system checks of the signing keys.
        receivers.connect()
        checks.register()
        # ProConnect over HTTPS in production.
        account_checks.register()
        # "Mon espace" shows the sessions, certificates and mandatory training next to the
        # paths; the learning view shows a session module's sessions and the outline marks it
        # started once the agent holds a seat.
        sections = (
            sessions_selectors.fill_dashboard,
            certification_selectors.fill_dashboard,
            fill_assignments,
        )
        for section in sections:
            if section not in learning_selectors.dashboard_sections:
                learning_selectors.dashboard_sections.append(section)
        if sessions_selectors.registered_modules not in learning_selectors.in_progress_sources:
            learning_selectors.in_progress_sources.append(sessions_selectors.registered_modules)
        learning_views.activity_contexts["session"] = sessions_selectors.activity_context
        # SCORM and H5P activities: the player's state (docs/content-packages.md); the outline
        # marks a package started once the agent committed anything in it.
        from learners.learning import packages

        learning_views.activity_contexts["scorm"] = packages.package_context
        learning_views.activity_contexts["h5p"] = packages.package_context
        if packages.started_activities not in learning_selectors.in_progress_sources:
            learning_selectors.in_progress_sources.append(packages.started_activities)
        if certification_services.completion_note not in learning_selectors.completion_notes:
            learning_selectors.completion_notes.append(certification_services.completion_note)
        # Signal receivers: the session's activity clock starts at login; role and scope
        # changes go to the audit log.
        from learners.accounts import middleware  # noqa: F401

        # The API's OAuth 2.0 scheme in its OpenAPI schema (drf-spectacular's extension).
        from learners.api import schema  # noqa: F401
        from learners.privacy import audit  # noqa: F401
