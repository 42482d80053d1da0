"""The public lesson and quiz pages lead into the path: an enrolled agent opens the activity in
the learning view ("Ouvrir dans mon parcours"); anyone else goes to the path page to enrol
("Voir le parcours et s’inscrire"). The same number of queries whatever the path's size, and
nothing of a signed-in agent ever reaches the anonymous page cache."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from courses import providers
from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    publish,
    single_choice,
)
from learners.factories import UserFactory
from learners.learning import selectors as learning_selectors
from learners.learning import services
from learners.sessions import selectors as sessions_selectors

pytestmark = pytest.mark.django_db

OPEN = "Ouvrir dans mon parcours"
ENROL = "Voir le parcours et s’inscrire"
KINDS = ["Lire un tableau de bord", "Quiz de fin de module"]


def build_path(title: str, lessons: int, modules: int = 1):
    """A published path: modules of `lessons` lessons, the first one with the named lesson and
    a quiz whose explanation must never show."""
    path = TrainingPathFactory(title=title)
    for number in range(modules):
        module = CourseFactory(parent=path, title=f"Module {number + 1}")
        if number == 0:
            LessonFactory(parent=module, title="Lire un tableau de bord")
        for _ in range(lessons):
            LessonFactory(parent=module)
        if number == 0:
            QuizFactory(
                parent=module,
                title="Quiz de fin de module",
                questions=[
                    single_choice(
                        "Quelle source est fiable ?",
                        ["Le rapport officiel", "La rumeur"],
                        0,
                        "EXPLICATION-SECRETE",
                    )
                ],
            )
    return publish(path)


@pytest.fixture(scope="module")
def paths(module_db):
    """A small path (3 activities) and a large one (32 activities)."""
    return build_path("Piloter la donnée", lessons=1), build_path("Grand parcours", 10, 3)


@pytest.fixture(autouse=True)
def learners_providers():
    """Catalogue tests may leave courses' providers unset: use the learners' ones."""
    providers.register_seats_taken(sessions_selectors.confirmed_registrations_by_session)
    providers.register_learner_state(learning_selectors.path_state_for)


def activity(path, title: str) -> Page:
    return Page.objects.descendant_of(path).get(title=title).specific


def visitor(role: str, paths) -> Client:
    """A client: anonymous, a signed-in agent not enrolled, or an agent enrolled in both paths."""
    client = Client()
    if role != "anonymous":
        agent = UserFactory()
        if role == "enrolled":
            for path in paths:
                services.enrol(user=agent, path=path)
        client.force_login(agent)
    return client


def call_to_action(response):
    """(label, href) of the page's call-to-action button."""
    html = BeautifulSoup(response.content, "html.parser")
    link = html.select_one(".fr-callout a.fr-btn")
    return (re.sub(r"\s+", " ", link.get_text()).strip(), link["href"]) if link else None


@pytest.mark.parametrize("title", KINDS)
@pytest.mark.parametrize("role", ["anonymous", "agent"])
def test_views_activity_pages_links_lead_to_the_path_to_enrol(paths, role, title):
    """Anonymous or not enrolled: the lesson or quiz page links to its path page, to enrol."""
    path = paths[0]
    response = visitor(role, paths).get(activity(path, title).url)
    assert response.status_code == 200
    assert call_to_action(response) == (ENROL, path.url)
    assert OPEN not in response.content.decode() and "/apprendre/" not in response.content.decode()


@pytest.mark.parametrize("title", KINDS)
def test_views_activity_pages_links_open_the_learning_view_when_enrolled(paths, title):
    """Enrolled: "Ouvrir dans mon parcours" opens this activity in the learning view."""
    page = activity(paths[0], title)
    client = visitor("enrolled", paths)
    response = client.get(page.url)
    assert call_to_action(response) == (OPEN, f"/apprendre/{page.pk}/")
    assert ENROL not in response.content.decode()
    learning = client.get(f"/apprendre/{page.pk}/")
    assert learning.status_code == 200
    assert learning.context["page"].pk == page.pk


def test_views_activity_pages_links_abandoned_agent_goes_to_the_path(paths):
    """After abandoning the path, the page leads back to the path page (to enrol again)."""
    agent = UserFactory()
    services.enrol(user=agent, path=paths[0])
    services.abandon(user=agent, path=paths[0])
    client = Client()
    client.force_login(agent)
    response = client.get(activity(paths[0], KINDS[0]).url)
    assert call_to_action(response) == (ENROL, paths[0].url)


@pytest.mark.parametrize("role", ["anonymous", "agent", "enrolled"])
def test_views_activity_pages_links_quiz_never_shows_answers(paths, role):
    """Whoever visits, the quiz page shows questions and choices, never the answers."""
    response = visitor(role, paths).get(activity(paths[0], KINDS[1]).url)
    html = response.content.decode()
    assert "Quelle source est fiable ?" in html and "La rumeur" in html
    assert "is_correct" not in html and "EXPLICATION-SECRETE" not in html
    assert "correct" not in html.lower().replace("correctement", "")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("title", KINDS)
@pytest.mark.parametrize("role", ["anonymous", "agent", "enrolled"])
def test_views_activity_pages_links_queries_constant(paths, role, title, django_assert_num_queries):
    """A lesson or quiz page costs as many queries in a path of 32 activities as in one of 3."""
    small, large = (activity(path, title).url for path in paths)
    client = visitor(role, paths)
    client.get(small)  # warm-up: site root paths, content types
    budget = count_queries(client, small)
    with django_assert_num_queries(budget):
        response = client.get(large)
    assert call_to_action(response)[0] == (OPEN if role == "enrolled" else ENROL)


@pytest.mark.parametrize("title", KINDS)
def test_views_activity_pages_links_page_cache_keeps_agents_apart(caching, paths, title):
    """With the anonymous page cache on, an enrolled agent gets a fresh page with their link,
    and anonymous visitors, before and after, the path page's link only."""
    url = activity(paths[0], title).url
    before = Client().get(url)
    enrolled = visitor("enrolled", paths).get(url)
    after = Client().get(url)
    assert "X-Campus-Cache" not in enrolled
    assert call_to_action(enrolled)[0] == OPEN
    for response in (before, after):
        assert call_to_action(response) == (ENROL, paths[0].url)
        assert OPEN not in response.content.decode()
