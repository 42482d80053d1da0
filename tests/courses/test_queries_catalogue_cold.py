"""The catalogue's search without its cache (the first search after a publication, or a query
nobody typed before): its query count, and the same paths in the same order, page by page, as
Wagtail's search paginated by Django.

Every test needs the database (the tests run inside a transaction, where the content cache is
off: each search is computed)."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict

from courses import search
from courses.catalogue import filtered_paths, search_catalogue
from courses.factories import (
    CourseFactory,
    LessonFactory,
    TrainingPathFactory,
    catalogue,
    paragraph,
    publish,
)

pytestmark = pytest.mark.django_db

PAGE_SIZE = 2
TEXTS = [
    "Le phishing vise les messageries.",
    "Le phishing, encore le phishing : une messagerie piégée, un phishing de plus.",
    "La sécurité des messageries.",
    "Rien à voir.",
    "Le phishing des messageries et la sécurité.",
]


@pytest.fixture(scope="module", autouse=True)
def paths(module_db):
    """Five published paths, the word "phishing" in the title of one, in the lessons of others."""
    created = []
    for number, text in enumerate(TEXTS):
        title = "Repérer le phishing" if number == 3 else f"Parcours {number}"
        path = TrainingPathFactory(title=title)
        module = CourseFactory(parent=path, title=f"Module {number}")
        LessonFactory(parent=module, body=[paragraph(f"<p>{text}</p>")])
        publish(path)
        created.append(path)
    return created


def params(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(values)
    return data


def wagtail_page(query: str, wanted):
    """The page of Wagtail's own search results that `Paginator.get_page` shows."""
    found = filtered_paths(catalogue(), {}, {}).search(search.words_query(query))
    page = Paginator(list(found), PAGE_SIZE).get_page(wanted)
    return page.paginator.count, page.number, [path.pk for path in page.object_list]


@pytest.mark.parametrize("wanted", [None, "1", "2", "3", "9", "0", "-1", "deux"])
@pytest.mark.parametrize("query", ["phishing", "messagerie", "phishing sécu", "quokka"])
def test_queries_catalogue_cold_same_pages_as_wagtail(monkeypatch, query, wanted):
    """Count, page number and paths in order: Wagtail's search, paginated by Django."""
    monkeypatch.setattr("courses.models.catalogue.PAGE_SIZE", PAGE_SIZE)
    data = params(q=query) if wanted is None else params(q=query, page=wanted)
    results = search_catalogue(catalogue(), data)
    shown = (results.count, results.page.number, [path.pk for path in results.paths])
    assert shown == wagtail_page(query, wanted)


def test_queries_catalogue_cold_query_count(django_assert_num_queries):
    """Uncached, a search costs the themes, the view restrictions and one query on PostgreSQL
    (the page of cards and the number found together); elsewhere a count, the page and the
    cards."""
    page = catalogue()
    search_catalogue(page, params(q="rien"))  # content types cached, as in a process
    expected = 3 if connection.vendor == "postgresql" else 5
    for query in ("phishing", "messagerie sécurité", "messagerie"):
        with django_assert_num_queries(expected):
            results = search_catalogue(page, params(q=query))
            assert [path.has_upcoming_sessions for path in results.paths]


def test_queries_catalogue_cold_index_holds_each_word_once(paths):
    """The index holds the lessons' words once each: what the search finds is unchanged."""
    path = paths[1]
    assert path.search_words().lower().split().count("phishing") == 1
    assert search_catalogue(catalogue(), params(q="piégée")).count == 1
