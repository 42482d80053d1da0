"""A trainer opens "Statistiques des parcours" from the admin's "Rapports" menu, then a path,
and reads which quiz question agents get wrong."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Page

from learners.accounts.permissions import TRAINERS_GROUP
from learners.factories import DEMO_PASSWORD, UserFactory
from learners.learning import services
from tests.learners.builders import learning_path, quiz_answers

pytestmark = pytest.mark.e2e


def test_path_statistics_trainer_reads_question_rates(page, live_server, login, axe, settings):
    """From the menu to the per-question table of a path's quiz, without axe violations."""
    settings.PATH_STATISTICS_MIN_COUNT = 1  # one agent here: show the rates
    trainer = UserFactory(
        email="formatrice.statistiques@campus.example",
        groups=[Group.objects.get(name=TRAINERS_GROUP)],
    )
    path = learning_path(title="Parcours observé")
    quiz = Page.objects.descendant_of(path).get(title="Quiz des bases").specific
    agent = UserFactory()
    services.enrol(user=agent, path=path)
    services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz, right=False))
    page.set_default_timeout(10_000)
    login(page, trainer.email, DEMO_PASSWORD)

    page.goto(f"{live_server.url}/cms/")
    page.get_by_role("button", name="Rapports").click()
    page.get_by_role("link", name="Statistiques des parcours").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statistiques des parcours")
    axe(page)

    page.get_by_role("link", name="Parcours observé").click()
    questions = page.get_by_role("table", name="Bonnes réponses à chaque question du quiz")
    expect(
        questions.get_by_role("rowheader", name="Quelles obligations s’imposent ?")
    ).to_be_visible()
    expect(questions.get_by_role("row").nth(1)).to_contain_text("0 %")
    axe(page)


def test_path_statistics_withheld_rates_are_explained(page, live_server, login, axe):
    """With fewer than 5 agents, the rate cells show "—" and tell screen readers why."""
    trainer = UserFactory(
        email="formateur.statistiques@campus.example",
        groups=[Group.objects.get(name=TRAINERS_GROUP)],
    )
    path = learning_path(title="Parcours discret")
    quiz = Page.objects.descendant_of(path).get(title="Quiz des bases").specific
    agent = UserFactory()
    services.enrol(user=agent, path=path)
    services.submit_quiz(user=agent, quiz=quiz, answers=quiz_answers(quiz))
    page.set_default_timeout(10_000)
    login(page, trainer.email, DEMO_PASSWORD)

    page.goto(f"{live_server.url}/cms/statistiques-parcours/{path.pk}/")
    quizzes = page.get_by_role("table", name="Tentatives et résultats de chaque quiz")
    row = quizzes.get_by_role("row", name="Quiz des bases")
    expect(row.get_by_role("cell").nth(0)).to_have_text("1")
    expect(row.get_by_role("cell").nth(1)).to_have_text(
        "— moins de 5 agents : non affiché pour protéger les personnes"
    )
    expect(row).not_to_contain_text("100 %")
    axe(page)
