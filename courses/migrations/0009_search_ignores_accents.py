"""The catalogue's search ignores accents on PostgreSQL too, and finds paths by theme and skill.

On PostgreSQL, creates the text search configuration `simple_unaccent` that the search uses
(`SEARCH_CONFIG`, courses/search.py): words lower-cased, accents removed by the `unaccent`
extension (trusted since PostgreSQL 13: the database's owner may create it), no stemming and no
stop words. Nothing to create on SQLite, whose FTS5 index already ignores case and accents.

The index itself is rebuilt once this migration has run, when the other migrations of the run
are applied too (`courses.signals.rebuild_search_index`): its entries were built with the
`french` configuration and without the paths' themes and skills.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION simple_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("courses", "0008_one_duration")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
