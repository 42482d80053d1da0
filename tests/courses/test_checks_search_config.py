"""A PostgreSQL deployment whose SEARCH_CONFIG is not `simple_unaccent` (an environment file
copied from an older `.env.example` still says `french`) is told by `manage.py check`: with
`french`, "cybersécurité" no longer finds "cybersecurite" and the catalogue behaves otherwise
than on SQLite and in the tests."""

import copy

import pytest
from django.conf import settings

from courses.checks import check_search_config

POSTGRESQL = "django.db.backends.postgresql"


@pytest.fixture
def configure(monkeypatch):
    """Set the database engine and SEARCH_CONFIG the check reads (restored afterwards; the check
    opens no connection)."""

    def configure(engine: str, config: str | None):
        monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", engine)
        backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
        if config is None:
            backends["default"].pop("SEARCH_CONFIG", None)
        else:
            backends["default"]["SEARCH_CONFIG"] = config
        monkeypatch.setattr(settings, "WAGTAILSEARCH_BACKENDS", backends)

    return configure


@pytest.mark.parametrize("config", ["french", "english", "simple"])
def test_checks_search_config_other_than_simple_unaccent_warns_on_postgresql(configure, config):
    """Another configuration on PostgreSQL: courses.W001, naming it and the fix."""
    configure(POSTGRESQL, config)
    (warning,) = check_search_config(None)
    assert warning.id == "courses.W001"
    assert config in warning.msg
    assert "SEARCH_CONFIG" in warning.hint


@pytest.mark.parametrize(
    ("engine", "config"),
    [
        (POSTGRESQL, "simple_unaccent"),
        (POSTGRESQL, None),
        ("django.db.backends.sqlite3", "french"),  # SQLite's FTS5 ignores the setting
    ],
)
def test_checks_search_config_silent_when_it_applies_as_documented(configure, engine, config):
    configure(engine, config)
    assert check_search_config(None) == []
