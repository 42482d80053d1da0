"""Public pages served from the cache to anonymous visitors (campus/page_cache.py): the CSP
nonce and the CSRF token are each request's own, a publication shows at once, and signed-in
agents always get a fresh page."""

import re

import pytest
from django.test import Client

from courses.factories import build_path, publish
from courses.models import LessonPage
from learners.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def path():
    return build_path(title="Parcours en cache", modules=1, lessons=2)


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_page_cache_second_visitor_served_from_cache(caching, path):
    """The second anonymous visit is a cache hit, with its own nonce and a valid CSRF token."""
    first = Client().get(path.url)
    visitor = Client()
    second = visitor.get(path.url)
    assert (first["X-Campus-Cache"], second["X-Campus-Cache"]) == ("miss", "hit")
    html = second.content.decode()
    assert "placeholder" not in html
    assert nonce_of(second) != nonce_of(first)
    assert f'nonce="{nonce_of(second)}"' in html
    assert "max-age=" in second["Cache-Control"] and "Cookie" in second["Vary"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = visitor.cookies
    answer = checked.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302  # 403 if the token were someone else's


def test_page_cache_publication_shows_at_once(caching, path):
    """A publication retires the cached page."""
    Client().get(path.url)
    path.title = "Parcours renommé"
    publish(path)
    response = Client().get(path.url)
    assert response["X-Campus-Cache"] == "miss"
    assert "Parcours renommé" in response.content.decode()


def test_page_cache_never_for_signed_in_agents(caching, path, client):
    """A signed-in agent's page (enrolment, progress) is never cached nor served from cache."""
    Client().get(path.url)
    client.force_login(UserFactory())
    response = client.get(path.url)
    assert response.status_code == 200
    assert "X-Campus-Cache" not in response


def test_page_cache_not_with_query_string(caching, path):
    """Requests with parameters (searches, pages of results) are not cached."""
    Client().get(path.url + "?utm=1")
    assert "X-Campus-Cache" not in Client().get(path.url + "?utm=1")


def test_page_cache_lesson_page_for_anonymous_visitors(caching, path, django_assert_num_queries):
    """A lesson's public page is served from the cache like its path's: 14 queries and a full
    rendering on every anonymous visit made it 0.07× of a bare view (docs/performance.md)."""
    lesson = path.get_descendants().type(LessonPage).live().first()
    first = Client().get(lesson.url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = Client().get(lesson.url)
    assert second["X-Campus-Cache"] == "hit"
    assert lesson.title in second.content.decode()
