"""The campus's search backend (Wagtail's database backend, a query's last word also finding the
words it begins) and the catalogue's search query (`words_query`).

A query finds a path when each of its words begins a word of the path's title, summary,
objectives, theme, skills or published lessons, whatever the case and accents: "cyber",
"Cybersecurite" and "CYBERSÉCURITÉ" find the path of the theme "Cybersécurité". The same on both
databases, each folding case and accents in its index and in the query alike:

- SQLite (FTS5): the index's tokenizer, `unicode61`, folds case and removes diacritics by
  default ("Cybersécurité" is indexed as `cybersecurite`), and reads the query the same way.
- PostgreSQL: the text search configuration `simple_unaccent` (`SEARCH_CONFIG`, created by
  migration courses/0009) lower-cases words and removes accents (`unaccent` extension), with no
  stemming and no stop words. French stemming would find "mot" with "mots", but a prefix of a
  stem finds unrelated words too (`mot:*` finds "motivation"), and PostgreSQL would then find
  what SQLite does not; by words' beginnings both answer alike ("mot" finds "mots", not the
  other way round).

Changing the configuration needs `manage.py update_index` (migration courses/0009 runs it).
"""

import functools
import re
import unicodedata

from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.query import And, PlainText

WORD = re.compile(r"\w+")


def SearchBackend(params):
    """Wagtail's database backend for the database in use (SQLite or PostgreSQL), the last word
    of a query a prefix. (Wagtail calls `SearchBackend` in the module its settings name.)"""
    backend = database_backend(params)
    backend.query_compiler_class = _prefix_compiler(backend.query_compiler_class)
    return backend


@functools.cache
def _prefix_compiler(compiler_class):
    """`compiler_class`, the last word of a query a prefix: `"cyber"*` for FTS5, `'cyber':*`
    for PostgreSQL."""
    name = f"Prefix{compiler_class.__name__}"
    return type(name, (compiler_class,), {"LAST_TERM_IS_PREFIX": True})


def words_query(text: str):
    """The search query of `text`: all of its words required, each the beginning of a word.
    Words are letters and digits: quotes, apostrophes, hyphens and other punctuation separate
    them (and never reach FTS5's query syntax). None when `text` has no word."""
    words = WORD.findall(unicodedata.normalize("NFKC", text))
    if not words:
        return None
    queries = [PlainText(word) for word in words]  # one word each: its last, so a prefix
    return queries[0] if len(queries) == 1 else And(queries)


def distinct_words(text: str) -> str:
    """The words of `text`, each once (the first time it appears), separated by spaces.

    What the index needs to find a path by its lessons: a query finds a path when each of its
    words begins one of the path's words, however often it appears. A path's lessons repeat
    their words hundreds of times; indexed once each, the path's entry is a few kilobytes
    instead of tens, which the search reads (and ranks) for every path it finds."""
    seen = {}
    for word in WORD.findall(unicodedata.normalize("NFKC", text)):
        seen.setdefault(word.lower(), word)
    return " ".join(seen.values())
