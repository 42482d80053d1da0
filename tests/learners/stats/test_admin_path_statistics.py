"""The "Statistiques des parcours" admin report: exact figures of a hand-built path, rates and
averages withheld below `PATH_STATISTICS_MIN_COUNT` agents, access per role, a number of queries
that does not grow with the paths, agents or attempts, and the detail's cache.

The exact-figure tests lower the minimum to 1: their path has four agents."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from courses.factories import publish
from learners.accounts.permissions import ADMINISTRATORS_GROUP, REVIEWERS_GROUP, TRAINERS_GROUP
from learners.certification.models import Certificate
from learners.factories import UserFactory
from learners.learning import services
from learners.stats import selectors as path_stats
from tests.learners.builders import learning_path, quiz_answers
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db

INDEX = "/cms/statistiques-parcours/"
WITHHELD = "— moins de 5 agents : non affiché pour protéger les personnes"


@pytest.fixture(autouse=True)
def fresh_cache():
    """The detail of a path is cached (`path_stats.CACHE_SECONDS`): each test starts empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def every_figure(settings):
    """Rates and averages shown from one agent on, to check the exact figures of four agents."""
    settings.PATH_STATISTICS_MIN_COUNT = 1


def detail_url(path) -> str:
    return reverse("learners_path_statistics_detail", args=[path.pk])


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_rows(table) -> list[list[str]]:
    """The body rows of a table, as the text of their cells (th and td)."""
    return [
        [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
        for row in table.select("tbody tr")
    ]


def table_captioned(html, caption: str):
    return next(t for t in html.select("table") if caption in t.caption.get_text())


def page_titled(path, title):
    return Page.objects.descendant_of(path).get(title=title).specific


def certify(enrolment) -> Certificate:
    enrolment.refresh_from_db()
    return Certificate.objects.create(
        user=enrolment.user,
        enrolment=enrolment,
        path=enrolment.path,
        enrolment_completed_at=enrolment.completed_at or timezone.now(),
        holder_name=enrolment.user.get_full_name(),
        path_title=enrolment.path.title,
    )


def answers(quiz, *, single: bool, multiple: str, true_false: bool) -> dict[int, list[int]]:
    """Answers to the three-question quiz of `learning_path`; `multiple` is "right", "wrong" or
    "partial" (one of its two correct choices only: wrong, as the quiz scores it)."""
    single_q, multiple_q, true_false_q = quiz.questions.order_by("sort_order")
    right, wrong = quiz_answers(quiz, right=True), quiz_answers(quiz, right=False)
    chosen = {
        single_q.pk: right[single_q.pk] if single else wrong[single_q.pk],
        multiple_q.pk: {
            "right": right[multiple_q.pk],
            "wrong": wrong[multiple_q.pk],
            "partial": right[multiple_q.pk][:1],
        }[multiple],
        true_false_q.pk: right[true_false_q.pk] if true_false else wrong[true_false_q.pk],
    }
    return chosen


@pytest.fixture(scope="module")
def measured(module_db):
    """A path (Leçon 1, Leçon 2, a three-question quiz) and four agents:
    - Anne completes everything (quiz 100 %) and is certified;
    - Bruno completes Leçon 1, fails the quiz twice: 0 %, then 66 % (single and true/false
      right, multiple-choice half answered);
    - Chloé completes Leçon 1 and abandons;
    - David enrols and does nothing.
    Plus an unpublished path and another live path without enrolment."""
    path = learning_path(title="Parcours mesuré")
    quiz = page_titled(path, "Quiz des bases")
    anne, bruno, chloe, david = (
        UserFactory(first_name=name, email=f"{name.lower()}-stats@campus.example")
        for name in ("Anne", "Bruno", "Chloé", "David")
    )
    for agent in (anne, bruno, chloe, david):
        services.enrol(user=agent, path=path)
    for agent in (anne, bruno, chloe):
        services.complete_activity(user=agent, activity=page_titled(path, "Leçon 1"))
    services.complete_activity(user=anne, activity=page_titled(path, "Leçon 2"))
    services.submit_quiz(user=anne, quiz=quiz, answers=quiz_answers(quiz))
    services.submit_quiz(user=bruno, quiz=quiz, answers=quiz_answers(quiz, right=False))
    services.submit_quiz(
        user=bruno,
        quiz=quiz,
        answers=answers(quiz, single=True, multiple="partial", true_false=True),
    )
    services.abandon(user=chloe, path=path)
    certify(anne.enrolments.get(path=path))
    return {
        "path": path,
        "quiz": quiz,
        "draft": learning_path(title="Parcours en brouillon", published=False),
        "empty": learning_path(title="Parcours sans inscrit", quiz=False),
    }


@pytest.fixture(scope="module")
def staff(module_db):
    return {
        role: UserFactory(
            first_name="Personnel",
            last_name=role.capitalize(),
            email=f"{role}-stats@campus.example",
            groups=[Group.objects.get(name=group)],
        )
        for role, group in (
            ("trainer", TRAINERS_GROUP),
            ("reviewer", REVIEWERS_GROUP),
            ("administrator", ADMINISTRATORS_GROUP),
        )
    }


def test_admin_path_statistics_index_key_figures(client, measured, staff, every_figure):
    """The index lists the live paths only, with exact key figures ("—" without enrolment)."""
    client.force_login(staff["trainer"])
    html = soup(client.get(INDEX))
    table = html.select_one("table.listing")
    assert table.caption.get_text(strip=True) == "Parcours publiés et leurs chiffres clés"
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    rows = {row[0]: row[1:] for row in table_rows(table)}
    assert "Parcours en brouillon" not in rows
    # Enrolled, in progress, completed, abandoned, rate, average progress, certificates.
    # Progress: Anne 100, Bruno 33, Chloé 33 (kept on abandon), David 0 → 41.5 → 42 %.
    assert rows["Parcours mesuré"] == ["4", "1", "1", "1", "25 %", "42 %", "1"]
    assert rows["Parcours sans inscrit"] == ["0", "0", "0", "0", "—", "—", "0"]
    link = table.find("a", string="Parcours mesuré")
    assert link["href"] == detail_url(measured["path"])


def test_admin_path_statistics_index_sorts_by_title_and_completion_rate(
    client, measured, staff, every_figure
):
    """Sorting by title (both ways) and by completion rate (paths without enrolment last)."""
    client.force_login(staff["trainer"])

    def titles(ordering):
        html = soup(client.get(INDEX, {"ordering": ordering}))
        found = [row[0] for row in table_rows(html.select_one("table.listing"))]
        return [t for t in found if t in ("Parcours mesuré", "Parcours sans inscrit")]

    assert titles("title") == ["Parcours mesuré", "Parcours sans inscrit"]
    assert titles("-title") == ["Parcours sans inscrit", "Parcours mesuré"]
    assert titles("-completion_rate") == ["Parcours mesuré", "Parcours sans inscrit"]
    assert titles("completion_rate") == ["Parcours mesuré", "Parcours sans inscrit"]
    html = soup(client.get(INDEX, {"ordering": "-completion_rate"}))
    assert html.find("th", attrs={"aria-sort": "descending"}).a["href"] == (
        "?ordering=completion_rate"
    )


def test_admin_path_statistics_index_is_paginated_by_25(client, staff):
    """Past 25 paths, a second page lists the rest."""
    for number in range(26):
        learning_path(title=f"Parcours {number:02d}", lessons=1, quiz=False)
    client.force_login(staff["reviewer"])
    first = soup(client.get(INDEX))
    assert len(first.select("table.listing tbody tr")) == 25
    assert first.select_one("nav.pagination")
    second = soup(client.get(INDEX, {"p": 2}))
    assert len(second.select("table.listing tbody tr")) >= 1


def test_admin_path_statistics_detail_exact_figures(client, measured, staff, every_figure):
    """Key figures, completions per activity in order, quiz figures, right answers per question."""
    client.force_login(staff["reviewer"])
    html = soup(client.get(detail_url(measured["path"])))
    assert html.find("h1").get_text(" ", strip=True).endswith("Parcours mesuré")
    key = dict(table_rows(table_captioned(html, "Chiffres clés du parcours")))
    assert key == {
        "Inscrits": "4",
        "En cours": "1",
        "Terminé": "1",
        "Abandonné": "1",
        "Taux d’achèvement": "25 %",
        "Progression moyenne": "42 %",
        "Certificats délivrés": "1",
    }
    activities = table_rows(table_captioned(html, "dans l’ordre du parcours"))
    assert activities == [
        ["Les bases", "Leçon 1", "Leçon", "3", "75 %"],
        ["Les bases", "Leçon 2", "Leçon", "1", "25 %"],
        ["Les bases", "Quiz des bases", "Quiz", "1", "25 %"],
    ]
    # Attempts: 100, 0, 66 → 1 passed of 3 (33 %), average 55.3 → 55 %.
    quizzes = table_rows(table_captioned(html, "Tentatives et résultats"))
    assert quizzes == [["Quiz des bases", "3", "33 %", "55 %"]]
    questions = table_rows(table_captioned(html, "Bonnes réponses à chaque question"))
    assert questions == [
        ["1", "Combien de critères compte le RGAA 4.1 ?", "3", "66 %"],  # Anne, Bruno 2nd
        ["2", "Quelles obligations s’imposent ?", "3", "33 %"],  # Anne (Bruno: half only)
        ["3", "Une image décorative a une alternative vide.", "3", "66 %"],  # Anne, Bruno 2nd
    ]
    # Aggregated figures only: no agent is named.
    content = html.select_one("#main").get_text()
    assert not any(name in content for name in ("Anne", "Bruno", "Chloé", "David"))


def test_admin_path_statistics_selector_counts_answers_of_questions_added_later(
    measured, every_figure
):
    """A question added after the attempts is measured on the attempts that answered it."""
    from courses.models import QuizQuestion

    QuizQuestion.objects.create(quiz=measured["quiz"], text="Question ajoutée", kind="single")
    statistics = path_stats.path_statistics(path_stats.live_path(measured["path"].pk))
    added = statistics.quizzes[0].questions[-1]
    assert (added.text, added.answers, added.right_rate) == ("Question ajoutée", 0, None)


@pytest.mark.parametrize("role", ["trainer", "reviewer", "administrator"])
def test_admin_path_statistics_staff_roles_open_both_pages(client, measured, staff, role):
    """Trainers, reviewers and administrators open the report and a path's detail."""
    client.force_login(staff[role])
    assert client.get(INDEX).status_code == 200
    assert client.get(detail_url(measured["path"])).status_code == 200
    assert f'"{INDEX}"' in client.get("/cms/").content.decode()  # in the "Rapports" menu


def test_admin_path_statistics_other_admin_users_are_refused(client, measured):
    """A user who reaches the admin without one of the three roles gets Wagtail's refusal."""
    user = UserFactory(email="acces-admin-seul@campus.example")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert f'"{INDEX}"' not in client.get("/cms/").content.decode()
    for url in (INDEX, detail_url(measured["path"])):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/cms/")


@pytest.mark.parametrize("role", ["agent", "manager"])
def test_admin_path_statistics_agents_and_managers_are_refused(client, measured, role):
    """Agents and managers have no admin access: sent to the login page, no figures."""
    org = build_org()
    client.force_login(org.a1 if role == "agent" else org.manager)
    for url in (INDEX, detail_url(measured["path"])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_admin_path_statistics_unknown_or_unpublished_path_is_404(client, measured, staff):
    """A path id that does not exist, or a path that is not live, answers 404."""
    client.force_login(staff["administrator"])
    assert client.get(reverse("learners_path_statistics_detail", args=[999999])).status_code == 404
    assert client.get(detail_url(measured["draft"])).status_code == 404
    lesson = page_titled(measured["path"], "Leçon 1")
    assert (
        client.get(reverse("learners_path_statistics_detail", args=[lesson.pk])).status_code == 404
    )


# Queries ------------------------------------------------------------------------------------


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def enrolled_paths(count: int, agent):
    for _number in range(count):
        path = learning_path(lessons=1)
        services.enrol(user=agent, path=path)
        services.complete_activity(
            user=agent, activity=Page.objects.descendant_of(path).get(title="Leçon 1")
        )


def test_queries_admin_path_statistics_index_constant_2_vs_8_paths(client, staff):
    """The index costs the same number of queries with 2 paths as with 8."""
    agent = UserFactory()
    enrolled_paths(2, agent)
    client.force_login(staff["trainer"])
    queries_of(client, INDEX)  # sessions, content types and Wagtail's caches warmed
    with_two = queries_of(client, INDEX)
    enrolled_paths(6, agent)
    with_eight = queries_of(client, INDEX)
    assert with_two == with_eight


def agents_with_attempts(path, quiz, count: int):
    for _number in range(count):
        agent = UserFactory()
        services.enrol(user=agent, path=path)
        services.complete_activity(user=agent, activity=page_titled(path, "Leçon 1"))
        services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz, right=False))
        services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))


def test_queries_admin_path_statistics_detail_constant_3_vs_30_agents(client, staff):
    """Computed afresh (cache emptied), the detail costs the same number of queries with 3
    agents as with 30 (2 attempts each)."""
    path = learning_path(title="Parcours compté")
    quiz = page_titled(path, "Quiz des bases")
    agents_with_attempts(path, quiz, 3)
    client.force_login(staff["trainer"])
    queries_of(client, detail_url(path))
    cache.clear()
    with_three = queries_of(client, detail_url(path))
    agents_with_attempts(path, quiz, 27)
    cache.clear()
    with_thirty = queries_of(client, detail_url(path))
    assert with_three == with_thirty
    cache.clear()
    html = soup(client.get(detail_url(path)))
    assert table_rows(table_captioned(html, "Tentatives et résultats")) == [
        ["Quiz des bases", "60", "50 %", "50 %"]
    ]


def test_queries_path_statistics_selectors(measured, django_assert_num_queries):
    """Selectors: 1 query for the path, 11 for its figures (whatever the attempts), none once
    cached."""
    Site.get_site_root_paths()  # cached by Wagtail, for the outline's URLs: emptied by fresh_cache
    with django_assert_num_queries(1):
        path = path_stats.live_path(measured["path"].pk)
    # Key figures 1, outline 4 (modules, lessons, quizzes, SCORM/H5P), completions 1, attempts
    # 1, questions 3 (rules 2, texts 1), answers 1; package figures only with such activities.
    with django_assert_num_queries(11):
        computed = path_stats.path_statistics(path)
    with django_assert_num_queries(0):
        assert path_stats.path_statistics(path) == computed


def test_queries_admin_path_statistics_detail_cached(client, measured, staff):
    """A second view of the detail reads the figures from the cache: fewer queries."""
    client.force_login(staff["trainer"])
    computed = queries_of(client, detail_url(measured["path"]))
    cached = queries_of(client, detail_url(measured["path"]))
    assert cached < computed


# Withheld rates and averages ------------------------------------------------------------------


def test_admin_path_statistics_selectors_withhold_rates_of_fewer_than_5_agents(measured):
    """Four agents: the counts, but no rate, average or right-answer rate, and flagged so."""
    listed = path_stats.paths_with_figures().get(pk=measured["path"].pk)
    assert (listed.enrolled, listed.completed, listed.certificates_issued) == (4, 1, 1)
    assert (listed.completion_rate, listed.average_progress, listed.figures_withheld) == (
        None,
        None,
        True,
    )
    statistics = path_stats.path_statistics(path_stats.live_path(measured["path"].pk))
    figures = statistics.figures
    assert (figures.enrolled, figures.in_progress, figures.completed, figures.abandoned) == (
        4,
        1,
        1,
        1,
    )
    assert (figures.completion_rate, figures.average_progress, figures.withheld) == (
        None,
        None,
        True,
    )
    assert [(a.completions, a.completion_rate, a.withheld) for a in statistics.activities] == [
        (3, None, True),
        (1, None, True),
        (1, None, True),
    ]
    (quiz,) = statistics.quizzes
    assert (quiz.attempts, quiz.passed, quiz.pass_rate, quiz.average_score, quiz.withheld) == (
        3,
        None,
        None,
        None,
        True,
    )
    assert [(q.answers, q.right, q.right_rate, q.withheld) for q in quiz.questions] == [
        (3, None, None, True)
    ] * 3


def test_admin_path_statistics_pages_withhold_rates_of_fewer_than_5_agents(client, measured, staff):
    """Four agents: "—" with its reason for screen readers instead of every rate and average;
    the counts and the rule stay."""
    client.force_login(staff["trainer"])
    index = soup(client.get(INDEX))
    rows = {row[0]: row[1:] for row in table_rows(index.select_one("table.listing"))}
    assert rows["Parcours mesuré"] == ["4", "1", "1", "1", WITHHELD, WITHHELD, "1"]
    assert rows["Parcours sans inscrit"] == ["0", "0", "0", "0", "—", "—", "0"]

    html = soup(client.get(detail_url(measured["path"])))
    key = dict(table_rows(table_captioned(html, "Chiffres clés du parcours")))
    assert (key["Inscrits"], key["Terminé"], key["Certificats délivrés"]) == ("4", "1", "1")
    assert key["Taux d’achèvement"] == key["Progression moyenne"] == WITHHELD
    activities = table_rows(table_captioned(html, "dans l’ordre du parcours"))
    assert [row[3:] for row in activities] == [["3", WITHHELD], ["1", WITHHELD], ["1", WITHHELD]]
    quizzes = table_rows(table_captioned(html, "Tentatives et résultats"))
    assert quizzes == [["Quiz des bases", "3", WITHHELD, WITHHELD]]
    questions = table_rows(table_captioned(html, "Bonnes réponses à chaque question"))
    assert [row[2:] for row in questions] == [["3", WITHHELD]] * 3
    content = html.select_one("#main").get_text()
    assert not any(rate in content for rate in ("25 %", "42 %", "75 %", "33 %", "55 %", "66 %"))
    hidden = html.select_one("#main td .w-sr-only")
    assert hidden.get_text() == "moins de 5 agents : non affiché pour protéger les personnes"
    assert hidden.find_previous_sibling("span")["aria-hidden"] == "true"
    assert "un taux ou une moyenne tiré de moins de 5 agents n’est pas affiché" in content
    assert "mis à jour toutes les 5 minutes au plus" in content


def test_admin_path_statistics_shows_rates_from_5_agents_not_5_attempts(client, staff):
    """Five attempts of one agent stay withheld (they are that agent's answers); five agents
    who attempted the quiz show its rates, and five enrolled agents the shares."""
    path = learning_path(title="Parcours de cinq")
    quiz = page_titled(path, "Quiz des bases")
    agents = UserFactory.create_batch(5)
    for agent in agents:
        services.enrol(user=agent, path=path)
        services.complete_activity(user=agent, activity=page_titled(path, "Leçon 1"))
    for _attempt in range(5):
        services.submit_quiz(user=agents[0], quiz=quiz, answers=quiz_answers(quiz, right=False))
    client.force_login(staff["trainer"])

    html = soup(client.get(detail_url(path)))
    key = dict(table_rows(table_captioned(html, "Chiffres clés du parcours")))
    assert (key["Taux d’achèvement"], key["Progression moyenne"]) == ("0 %", "33 %")
    activities = table_rows(table_captioned(html, "dans l’ordre du parcours"))
    assert [row[3:] for row in activities] == [["5", "100 %"], ["0", "0 %"], ["0", "0 %"]]
    quizzes = table_rows(table_captioned(html, "Tentatives et résultats"))
    assert quizzes == [["Quiz des bases", "5", WITHHELD, WITHHELD]]

    for agent in agents[1:]:
        services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))
    cache.clear()
    html = soup(client.get(detail_url(path)))
    # Attempts: five at 0 %, four at 100 % → 4 passed of 9 (44 %), average 44.4 → 44 %.
    quizzes = table_rows(table_captioned(html, "Tentatives et résultats"))
    assert quizzes == [["Quiz des bases", "9", "44 %", "44 %"]]
    questions = table_rows(table_captioned(html, "Bonnes réponses à chaque question"))
    assert [row[2:] for row in questions] == [["9", "44 %"]] * 3


# Cache of the detail ------------------------------------------------------------------------


def test_admin_path_statistics_detail_cached_until_the_path_is_published(
    client, staff, every_figure
):
    """An attempt made since the last view shows only once the cache expires or the path is
    published again: publishing changes the cache key."""
    path = learning_path(title="Parcours republié")
    quiz = page_titled(path, "Quiz des bases")
    agent, other = UserFactory(), UserFactory()
    for someone in (agent, other):
        services.enrol(user=someone, path=path)
    services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))
    client.force_login(staff["trainer"])

    def quiz_row():
        html = soup(client.get(detail_url(path)))
        return table_rows(table_captioned(html, "Tentatives et résultats"))[0]

    assert quiz_row() == ["Quiz des bases", "1", "100 %", "100 %"]
    services.submit_quiz(user=other, quiz=quiz, answers=quiz_answers(quiz, right=False))
    assert quiz_row() == ["Quiz des bases", "1", "100 %", "100 %"]  # up to 5 minutes old
    publish(path)
    assert quiz_row() == ["Quiz des bases", "2", "50 %", "50 %"]


def test_admin_path_statistics_cache_key_follows_the_minimum(measured, settings):
    """Figures computed with a lower minimum are not reused once it is raised."""
    path = path_stats.live_path(measured["path"].pk)
    settings.PATH_STATISTICS_MIN_COUNT = 1
    assert path_stats.path_statistics(path).quizzes[0].pass_rate == 33
    settings.PATH_STATISTICS_MIN_COUNT = 5
    assert path_stats.path_statistics(path).quizzes[0].pass_rate is None
