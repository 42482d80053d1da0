"""System checks of the catalogue's settings (run by every `manage.py` command)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# The text search configuration created by migration courses/0009 (courses/search.py).
SEARCH_CONFIG = "simple_unaccent"


@register(Tags.compatibility)
def check_search_config(app_configs, **kwargs) -> list[Warning]:
    """On PostgreSQL, a SEARCH_CONFIG other than `simple_unaccent` changes what the catalogue
    finds: `french` stems words and keeps accents, so "cybersecurite" misses "cybersécurité",
    unlike SQLite and the tests. Older `.env.example` files set `french`."""
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return []  # SQLite's FTS5 tokenizer ignores the setting
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", SEARCH_CONFIG)
    if config == SEARCH_CONFIG:
        return []
    return [
        Warning(
            f"The catalogue search uses the text search configuration {config!r}: it does not "
            "ignore accents (or stems words), unlike SQLite and the tests.",
            hint=f"Remove SEARCH_CONFIG from the environment (the default is {SEARCH_CONFIG!r}), "
            "then run `manage.py update_index`.",
            id="courses.W001",
        )
    ]
