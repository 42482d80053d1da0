from django.apps import AppConfig


class CampusConfig(AppConfig):
    name = "campus"

    def ready(self):
        from campus import checks  # noqa: F401  (registers the system checks)
