from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learners"
    verbose_name = _("Agents et organisation")

    def ready(self):
        from courses import providers

        from learners import catalogue_changes, selectors

        # The catalogue's pages show seats and the agent's own state through these hooks.
        providers.register_seats_taken(selectors.confirmed_registrations_by_session)
        providers.register_learner_state(selectors.path_state_for)
        catalogue_changes.connect()
        # Certification (#5): issue certificates on completion, show them in "Mon espace".
        from learners.certification import checks, receivers
        from learners.certification import selectors as certification_selectors

        receivers.connect()
        checks.register()
        if certification_selectors.fill_dashboard not in selectors.dashboard_sections:
            selectors.dashboard_sections.append(certification_selectors.fill_dashboard)
        # Signal receivers: the session's activity clock starts at login; role and scope
        # changes go to the audit log.
        from learners import audit, middleware  # noqa: F401

        # Managers' mandatory training (#6): the agent's assignments in "Mon espace".
        from learners.team.dashboard import fill_assignments

        if fill_assignments not in selectors.dashboard_sections:
            selectors.dashboard_sections.append(fill_assignments)
