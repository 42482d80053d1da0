"""Journey: a trainer writes a path in the Wagtail admin and submits it, a reviewer approves it,
an anonymous visitor finds it in the catalogue by search and by filter (axe on our pages only:
the Wagtail admin is not ours to fix)."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from courses.models import CatalogPage, CoursePage, TrainingPathPage
from learners.accounts.permissions import REVIEWERS_GROUP, TRAINERS_GROUP
from learners.factories import DEMO_PASSWORD, UserFactory

# Database access and its reset come with the e2e fixtures (tests/e2e/conftest.py).
pytestmark = pytest.mark.e2e

TITLE = "Initiation au design des services publics"


def page_id(page) -> int:
    return int(re.search(r"/cms/pages/(\d+)/edit/", page.url).group(1))


def type_rich_text(page, field_id: str, text: str) -> None:
    """Type into the Draftail editor of a rich text field."""
    field = page.locator(f"#{field_id}")
    editor = field.locator("xpath=..").locator('[contenteditable="true"]')
    editor.click()
    page.keyboard.type(text)
    expect(field).to_have_value(re.compile(re.escape(text)))


def save_draft(page, slug: str) -> None:
    # The slug field sits in the hidden "Promotion" tab.
    page.locator("#id_slug").evaluate("(input, slug) => { input.value = slug; }", slug)
    page.locator("button.action-save").first.click()
    page.wait_for_url(re.compile(r"/cms/pages/\d+/edit/"))


def test_authoring_and_catalogue_journey(page, live_server, login, axe):
    trainer = UserFactory(
        email="formatrice.e2e@campus.example", groups=[Group.objects.get(name=TRAINERS_GROUP)]
    )
    reviewer = UserFactory(
        email="relectrice.e2e@campus.example", groups=[Group.objects.get(name=REVIEWERS_GROUP)]
    )
    catalogue = CatalogPage.objects.get()
    cms = f"{live_server.url}/cms/pages"
    page.set_default_timeout(10_000)

    # The trainer writes the path, then a module, then a lesson.
    login(page, trainer.email, DEMO_PASSWORD)
    page.goto(f"{cms}/add/courses/trainingpathpage/{catalogue.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Concevoir des démarches simples avec les usagers.")
    type_rich_text(page, "id_objectives", "Mener un entretien avec un usager")
    page.locator("#id_theme").select_option(label="Design et accessibilité")
    page.locator("#id_level").select_option("intermediaire")
    save_draft(page, "initiation-design")
    path_id = page_id(page)

    page.goto(f"{cms}/add/courses/coursepage/{path_id}/")
    page.locator("#id_title").fill("Écouter les usagers")
    save_draft(page, "ecouter-les-usagers")
    module_id = page_id(page)

    page.goto(f"{cms}/add/courses/lessonpage/{module_id}/")
    page.locator("#id_title").fill("Préparer un entretien")
    page.locator("#id_duration_minutes").fill("40")
    save_draft(page, "preparer-un-entretien")

    page.goto(f"{cms}/{path_id}/edit/")
    page.locator('button[name="action-submit"]').evaluate("button => button.click()")
    page.wait_for_url(re.compile(r"/cms/pages/\d+/$"))
    path = TrainingPathPage.objects.get(pk=path_id)
    assert path.current_workflow_state is not None and not path.live

    # The trainer's dashboard lists it as in review.
    page.goto(f"{live_server.url}/cms/")
    panel = page.locator("#campus-getting-started-section")
    expect(panel.get_by_role("heading", name="Campus : pour commencer")).to_be_visible()
    expect(panel.get_by_role("listitem").filter(has_text=TITLE)).to_contain_text("en relecture")
    axe(page)  # the admin home with the getting-started panel

    # The reviewer approves it from the editor.
    page.context.clear_cookies()
    login(page, reviewer.email, DEMO_PASSWORD)
    page.goto(f"{cms}/{path_id}/edit/")
    page.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).evaluate("button => button.click()")
    page.wait_for_url(re.compile(r"/cms/pages/\d+/$"))
    path.refresh_from_db()
    assert path.live and CoursePage.objects.get(pk=module_id).live

    # An anonymous visitor finds it by search, then by filter.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/catalogue/")
    axe(page)
    page.get_by_label("Rechercher un parcours").fill("design services")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name="1 parcours trouvé")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()

    page.goto(f"{live_server.url}/catalogue/")
    page.get_by_label("Thématique").select_option(label="Design et accessibilité")
    page.get_by_label("Niveau").select_option(label="Intermédiaire")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"theme=design-et-accessibilite"))
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text("Préparer un entretien")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="S’inscrire").click()
    expect(page).to_have_url(re.compile(r"/comptes/login/\?next="))
