"""The path page of a signed-in agent: what is the same for everyone until the next publication
(site, route, view restrictions, the page with its theme and cover, outline, breadcrumb, skills,
prerequisites) comes from the caches of `courses.catalogue_version`; the agent's own state,
the sessions with their seats and the contact trainers are read each time, in a number of
queries that does not grow with the path.

The budget with the caches on (`caching` fixture), for an enrolled agent: the session, the
user, the sessions (with module and trainer), their seats taken, the enrolment, its completions,
the contact trainers, and the header's two role checks (groups, managed units): 9 queries.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from courses import providers
from courses.factories import (
    CourseFactory,
    LessonFactory,
    QuizFactory,
    TrainingPathFactory,
    TrainingSessionFactory,
    build_path,
    publish,
)
from courses.models import Format, SkillTag, TrainingPathPage, TrainingSession
from learners.accounts.permissions import TRAINERS_GROUP
from learners.factories import UserFactory
from learners.learning import selectors as learning_selectors
from learners.learning import services as learning_services
from learners.sessions import selectors as sessions_selectors
from learners.sessions import services as sessions_services

pytestmark = pytest.mark.django_db

SIGNED_IN_BUDGET = 9


def path_with_sessions(title: str, *, lessons: int, sessions: list[int], trainers: int):
    """A published path with a cover, two skills, a prerequisite and contact trainers: one
    module of `lessons` lessons and a quiz, then a session module per entry of `sessions`
    (that many upcoming sessions, each with a trainer)."""
    trainer_group = Group.objects.get(name=TRAINERS_GROUP)
    image = get_image_model().objects.create(title="Couverture", file=get_test_image_file())
    path = TrainingPathFactory(title=title, cover_image=image, cover_alt_text="Illustration")
    module = CourseFactory(parent=path, title="Les bases")
    for number in range(1, lessons + 1):
        LessonFactory(parent=module, title=f"{title}, leçon {number}")
    QuizFactory(parent=module, title=f"{title}, quiz")
    for number, count in enumerate(sessions, start=1):
        workshop = CourseFactory(parent=path, title=f"Atelier {number}", format=Format.IN_PERSON)
        for _ in range(count):
            trainer = UserFactory(groups=[trainer_group])
            TrainingSessionFactory(course=workshop, trainer=trainer, capacity=8)
    for _ in range(trainers):
        path.contact_trainers.add(UserFactory(groups=[trainer_group]))
    path.prerequisites.add(build_path(title=f"Avant « {title} »"))
    path.skills.add("Données", "Pilotage")
    path.save()
    return publish(path)


@pytest.fixture(scope="module")
def paths(module_db):
    """A small path (2 activities, 1 session) and a large one (30 activities, 5 sessions in two
    modules), the agent enrolled in both with the first activity done."""
    providers.register_seats_taken(sessions_selectors.confirmed_registrations_by_session)
    providers.register_learner_state(learning_selectors.path_state_for)
    small = path_with_sessions("Petit parcours", lessons=1, sessions=[1], trainers=1)
    large = path_with_sessions("Grand parcours", lessons=29, sessions=[3, 2], trainers=3)
    agent = UserFactory(email="agent.suivi@campus.example")
    for path in (small, large):
        learning_services.enrol(user=agent, path=path, check_prerequisites=False)
        first = path.get_outline().activities[0]
        learning_services.complete_activity(
            user=agent, activity=Page.objects.get(pk=first.id).specific
        )
    return {"small": small, "large": large, "agent": agent}


@pytest.fixture(autouse=True)
def learners_providers():
    """Catalogue tests may leave courses' providers unset: use the learners' ones."""
    providers.register_seats_taken(sessions_selectors.confirmed_registrations_by_session)
    providers.register_learner_state(learning_selectors.path_state_for)


@pytest.fixture
def agent_client(paths) -> Client:
    client = Client()
    client.force_login(paths["agent"])
    return client


def queries_of(client: Client, path) -> list[str]:
    """The SQL of one view of the path page (after a first view that fills the caches)."""
    assert client.get(path.url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(path.url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize("size", ["small", "large"])
def test_queries_path_page_signed_in_budget_with_caches(caching, paths, agent_client, size):
    """With the caches filled, an enrolled agent's path page costs 9 queries, small or large."""
    queries = queries_of(agent_client, paths[size])
    print(f"\n{size} path, caches on: {len(queries)} queries")
    for sql in queries:
        print("  ", sql[:150])
    assert len(queries) == SIGNED_IN_BUDGET
    routing = re.compile(r'FROM "wagtailcore_(site|page|pageviewrestriction)"')
    assert not any(routing.search(sql) for sql in queries)


def test_queries_path_page_signed_in_constant_without_caches(paths, agent_client):
    """Without the caches (first view after a publication), the large path costs as many
    queries as the small one."""
    small, large = (len(queries_of(agent_client, paths[size])) for size in ("small", "large"))
    print(f"\ncaches off: {small} queries (small path), {large} (large path)")
    assert small == large


def test_queries_path_page_signed_in_not_enrolled_agent(caching, paths):
    """An agent not enrolled: the enrolment, then which prerequisites are missing."""
    client = Client()
    client.force_login(UserFactory())
    queries = queries_of(client, paths["small"])
    assert len(queries) == SIGNED_IN_BUDGET
    assert any("required_by" in sql or "prerequisites" in sql for sql in queries)
    assert "Pour vous inscrire, terminez d’abord" in text_of(client.get(paths["small"].url))


def test_queries_path_page_signed_in_shows_the_same_page(caching, paths, agent_client):
    """The cached route and content render what Wagtail's own routing rendered."""
    path = paths["large"]
    fresh = text_of(agent_client.get(path.url))  # first view: computed
    cached = text_of(agent_client.get(path.url))
    strip = re.compile(r'nonce="[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", cached) == strip.sub("", fresh)
    for shown in (
        "Grand parcours, leçon 29",
        "Avant « Grand parcours »",
        "Pilotage",
        "8 places sur 8",
        "Terminé",
        path.theme.name,
        "Reprendre",
    ):
        assert shown in cached


def test_queries_path_page_signed_in_progress_and_seats_exact(caching, paths, agent_client):
    """A completion and another agent's registration show at once (seats are never cached for
    a signed-in agent)."""
    path = paths["small"]
    session = TrainingSession.objects.get(course__path__startswith=path.path)
    before = text_of(agent_client.get(path.url))
    assert "8 places sur 8" in before and before.count("Terminé") == 1
    other = UserFactory()
    learning_services.enrol(user=other, path=path, check_prerequisites=False)
    sessions_services.register_for_session(user=other, session=session)
    quiz = Page.objects.get(title="Petit parcours, quiz").specific
    learning_services.complete_activity(user=paths["agent"], activity=quiz)
    after = text_of(agent_client.get(path.url))
    assert "7 places sur 8" in after and after.count("Terminé") == 2


def test_queries_path_page_signed_in_follows_publication(caching, paths, agent_client):
    """A new title and a new lesson show at once; an unpublished path answers 404 at once."""
    path = TrainingPathPage.objects.get(pk=paths["small"].pk)
    agent_client.get(path.url)
    path.title = "Petit parcours renommé"
    LessonFactory(parent=path.get_children().first(), title="Leçon ajoutée")
    publish(path)
    html = text_of(agent_client.get(path.url))
    assert "Petit parcours renommé" in html and "Leçon ajoutée" in html
    path.unpublish()
    assert agent_client.get(path.url).status_code == 404


def test_queries_path_page_signed_in_follows_snippets_and_restrictions(
    caching, paths, agent_client
):
    """A skill renamed, a contact trainer's new name and a view restriction added apply at once
    (the restriction to the cached route too)."""
    path = paths["small"]
    agent_client.get(path.url)
    skill = SkillTag.objects.get(name="Pilotage")
    skill.name = "Pilotage de projet"
    skill.save()
    trainer = path.contact_trainers.get()
    trainer.last_name = "Nouveau-Nom"
    trainer.save()
    html = text_of(agent_client.get(path.url))
    assert "Pilotage de projet" in html and "Nouveau-Nom" in html
    restriction = PageViewRestriction.objects.create(
        page=path, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=TRAINERS_GROUP)])
    assert agent_client.get(path.url).status_code != 200
    restriction.delete()
    assert agent_client.get(path.url).status_code == 200
