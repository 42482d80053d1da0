from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Catalogue des formations")

    def ready(self):
        from courses import checks, signals  # noqa: F401 - checks registers itself

        # Publication effects, and caches of published content following the catalogue's version.
        signals.connect()
