from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learners"
    verbose_name = _("Agents et organisation")

    def ready(self):
        from courses import providers

        from . import catalogue_changes, selectors

        # The catalogue's pages show seats and the agent's own state through these hooks.
        providers.register_seats_taken(selectors.confirmed_registrations_by_session)
        providers.register_learner_state(selectors.path_state_for)
        catalogue_changes.connect()
