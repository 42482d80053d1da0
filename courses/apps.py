from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = _("Catalogue des formations")

    def ready(self):
        from courses import catalogue_version, signals  # noqa: F401  (connects the publication handlers)

        # Caches of published content follow the catalogue's version.
        catalogue_version.connect()
