"""Journey of the demo agent: search the catalogue, enrol, follow "Ouvrir dans mon parcours" from
a lesson's public page, complete every lesson, fail then pass the quiz, register for a session,
and see 100 % and "Terminé" in Mon espace.

Run twice: with the mouse, then with the keyboard only (Tab, Enter, Space, arrows; focus
asserted before each key press). axe (WCAG 2.1 A/AA and RGAA rules) reports zero violations on
every page visited. The journey builds its own path; it does not depend on the demo data.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from learners.factories import DEMO_PASSWORD, UserFactory
from learners.learning import selectors as learning_selectors
from learners.learning.models import Enrolment
from learners.sessions import selectors as sessions_selectors
from tests.learners.builders import learning_path

pytestmark = pytest.mark.e2e

TITLE = "Protéger ses mots de passe"
AGENT = "agent@campus.example"


@pytest.fixture(autouse=True)
def learners_course_hooks():
    """Catalogue tests may leave courses' providers unset: restore the learners' ones."""
    from courses import providers

    providers.register_seats_taken(sessions_selectors.confirmed_registrations_by_session)
    providers.register_learner_state(learning_selectors.path_state_for)


def build_journey_data():
    """The path (two lessons, a quiz, an optional workshop with one session) and the agent."""
    path = learning_path(title=TITLE, session_module=True, attendance_required=False)
    UserFactory(email=AGENT, first_name="Camille", last_name="Martin")
    return path


def assert_enrolment_completed(path):
    enrolment = Enrolment.objects.get(user__email=AGENT, path=path)
    assert (enrolment.status, enrolment.progress_percent) == (Enrolment.Status.COMPLETED, 100)


def choose(page, answer: str) -> None:
    """Tick an answer with the mouse (the DSFR draws the radio or checkbox in its label, so the
    click lands on the label)."""
    page.wait_for_load_state()
    field = page.get_by_label(answer, exact=True)
    if not field.is_checked():
        # Click the visible label (the input itself is drawn by the DSFR and may be covered).
        page.locator(f"label[for='{field.get_attribute('id')}']").click()
    expect(field).to_be_checked()


def test_e2e_agent_journey_with_the_mouse(page, live_server, login, axe):
    """The whole journey, clicking."""
    path = build_journey_data()
    page.set_default_timeout(10_000)
    login(page, AGENT, DEMO_PASSWORD)
    axe(page)

    # Find the path in the catalogue.
    page.goto(f"{live_server.url}/catalogue/")
    page.get_by_label("Rechercher un parcours").fill("mots de passe")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name="1 parcours trouvé")).to_be_visible()
    axe(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    axe(page)

    # Enrol, then resume: the first lesson opens.
    page.get_by_role("button", name="S’inscrire").click()
    expect(page.get_by_text("Vous êtes inscrit ou inscrite au parcours")).to_be_visible()
    axe(page)

    # The public page of a lesson leads the enrolled agent into the learning view.
    page.get_by_role("link", name="Leçon 1", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Leçon 1")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Ouvrir dans mon parcours").click()
    expect(page.locator(".fr-sidemenu a[aria-current='page']")).to_contain_text("Leçon 1")
    expect(page).to_have_url(re.compile(r"/apprendre/\d+/$"))
    axe(page)
    page.goto(f"{live_server.url}{path.url}")
    page.get_by_role("link", name="Reprendre").click()
    expect(page.get_by_role("heading", level=1, name="Leçon 1")).to_be_visible()
    expect(page.locator(".fr-sidemenu a[aria-current='page']")).to_contain_text("Leçon 1")
    axe(page)

    # Complete both lessons.
    for number in (1, 2):
        expect(page.get_by_role("heading", level=1, name=f"Leçon {number}")).to_be_visible()
        page.get_by_role("button", name="J’ai terminé cette leçon").click()
        expect(page.get_by_text(f"Leçon « Leçon {number} » terminée.")).to_be_visible()
        axe(page)

    # Fail the quiz, read the explanations, then pass it.
    expect(page.get_by_role("heading", level=1, name="Quiz des bases")).to_be_visible()
    choose(page, "57")
    choose(page, "Version payante")
    choose(page, "Faux")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_text("Quiz non réussi : 0 %")).to_be_visible()
    expect(page.get_by_text("Le RGAA 4.1 compte 106 critères.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Refaire le quiz").click()
    expect(page.get_by_role("heading", level=1, name="Quiz des bases")).to_be_visible()
    choose(page, "106")
    choose(page, "Déclaration")
    choose(page, "Conformité")
    choose(page, "Vrai")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_text("Quiz réussi : 100 %")).to_be_visible()
    axe(page)
    axe(page)

    # Register for the workshop's session.
    page.get_by_role("link", name="Activité suivante").click()
    expect(page.get_by_role("heading", level=1, name="Atelier")).to_be_visible()
    axe(page)
    page.get_by_role("button", name=re.compile("^S’inscrire à la session du")).click()
    expect(page.get_by_text("Votre place est réservée pour la session du").first).to_be_visible()
    axe(page)
    with page.expect_download() as calendar:
        page.get_by_role("link", name="Ajouter à mon agenda (.ics)").click()
    event = Path(calendar.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in event and "SUMMARY:Atelier" in event

    # Mon espace: the path is completed, at 100 %, and the session is coming.
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Mon espace"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Mon espace")).to_be_visible()
    completed = page.get_by_role("table", name="Mes parcours terminés")
    expect(completed.get_by_role("row", name=re.compile(TITLE))).to_contain_text("Terminé")
    expect(completed).to_contain_text("100 %")
    expect(page.get_by_role("table", name="Mes prochaines sessions")).to_contain_text("Atelier")
    axe(page)
    assert_enrolment_completed(path)


# Keyboard only ------------------------------------------------------------------------------


def tab_to(page, target, *, limit: int = 150) -> None:
    """Press Tab until `target` has the focus (fails after `limit` presses)."""
    target.wait_for()
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            expect(target).to_be_focused()
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def press_on(page, target, key: str = "Enter") -> None:
    tab_to(page, target)
    page.keyboard.press(key)


def choose_radio(page, question: str, answer: str) -> None:
    """Tab into a radio group (focus lands on its first radio), then arrows to the answer."""
    group = page.get_by_role("group", name=re.compile(re.escape(question)))
    radios = group.get_by_role("radio")
    labels = [label.strip() for label in group.locator("label").all_inner_texts()]
    tab_to(page, radios.first)
    page.keyboard.press("Space")
    for _ in range(labels.index(answer)):
        page.keyboard.press("ArrowDown")
    expect(group.get_by_role("radio", name=answer)).to_be_checked()


def tick(page, label: str) -> None:
    checkbox = page.get_by_role("checkbox", name=label)
    press_on(page, checkbox, "Space")
    expect(checkbox).to_be_checked()


def test_e2e_agent_journey_with_the_keyboard(page, live_server, axe):
    """The same journey with the keyboard only: every action is a key press on a focused element."""
    path = build_journey_data()
    page.set_default_timeout(10_000)

    page.goto(f"{live_server.url}/comptes/login/")
    axe(page)
    press_on(page, page.get_by_label("Adresse électronique"), "Home")
    page.keyboard.type(AGENT)
    press_on(page, page.get_by_label("Mot de passe", exact=True), "Home")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/comptes/login/" not in url)
    axe(page)

    press_on(
        page,
        page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Catalogue"),
    )
    expect(page.get_by_label("Rechercher un parcours")).to_be_visible()
    press_on(page, page.get_by_label("Rechercher un parcours"), "Home")
    page.keyboard.type("mots de passe")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 parcours trouvé")).to_be_visible()
    axe(page)
    press_on(page, page.get_by_role("link", name=TITLE))
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    axe(page)

    press_on(page, page.get_by_role("button", name="S’inscrire"))
    expect(page.get_by_text("Vous êtes inscrit ou inscrite au parcours")).to_be_visible()
    press_on(page, page.get_by_role("link", name="Commencer"))
    expect(page.get_by_role("heading", level=1, name="Leçon 1")).to_be_visible()
    axe(page)

    for number in (1, 2):
        expect(page.get_by_role("heading", level=1, name=f"Leçon {number}")).to_be_visible()
        if number == 2:
            axe(page)
        press_on(page, page.get_by_role("button", name="J’ai terminé cette leçon"))
        expect(page.get_by_text(f"Leçon « Leçon {number} » terminée.")).to_be_visible()

    # A wrong answer to every question, then the right ones.
    expect(page.get_by_role("heading", level=1, name="Quiz des bases")).to_be_visible()
    axe(page)
    choose_radio(page, "Combien de critères", "57")
    tick(page, "Version payante")
    choose_radio(page, "Une image décorative", "Faux")
    press_on(page, page.get_by_role("button", name="Envoyer mes réponses"))
    expect(page.get_by_text("Quiz non réussi : 0 %")).to_be_visible()
    axe(page)
    press_on(page, page.get_by_role("link", name="Refaire le quiz"))
    expect(page.get_by_role("heading", level=1, name="Quiz des bases")).to_be_visible()
    choose_radio(page, "Combien de critères", "106")
    tick(page, "Déclaration")
    tick(page, "Conformité")
    choose_radio(page, "Une image décorative", "Vrai")
    press_on(page, page.get_by_role("button", name="Envoyer mes réponses"))
    expect(page.get_by_text("Quiz réussi : 100 %")).to_be_visible()
    axe(page)

    press_on(page, page.get_by_role("link", name="Activité suivante"))
    expect(page.get_by_role("heading", level=1, name="Atelier")).to_be_visible()
    press_on(page, page.get_by_role("button", name=re.compile("^S’inscrire à la session du")))
    expect(page.get_by_text("Votre place est réservée pour la session du").first).to_be_visible()
    axe(page)

    press_on(
        page,
        page.get_by_role("navigation", name="Menu principal").get_by_role(
            "link", name="Mon espace"
        ),
    )
    expect(page.get_by_role("heading", level=1, name="Mon espace")).to_be_visible()
    completed = page.get_by_role("table", name="Mes parcours terminés")
    expect(completed.get_by_role("row", name=re.compile(TITLE))).to_contain_text("Terminé")
    expect(completed).to_contain_text("100 %")
    axe(page)
    assert_enrolment_completed(path)
