"""Trainers author under the catalogue and submit; reviewers approve or request changes."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from courses.factories import CourseFactory, LessonFactory, TrainingPathFactory, catalogue
from courses.models import CoursePage, LessonPage, Level, Theme, TrainingPathPage
from home.models import HomePage
from tests.courses.admin_forms import (
    create_page,
    edit_page,
    edit_url,
    form_errors,
    nested_form_data,
    rich_text,
    streamfield,
)

pytestmark = pytest.mark.django_db


def path_fields(title="Parcours rédigé par une formatrice"):
    return {
        "title": title,
        "slug": "",
        "summary": "Un parcours rédigé dans l’administration.",
        "objectives": rich_text("<ul><li>Savoir rédiger un parcours</li></ul>"),
        "level": Level.DISCOVERY,
        "theme": str(Theme.objects.get(slug="cybersecurite").pk),
        "format": "e_learning",
        "language": "fr",
    }


def lesson_fields(title="Première leçon"):
    return {
        "title": title,
        "duration_minutes": "30",
        **nested_form_data(
            {"body": streamfield([("paragraph", rich_text("<p>Le texte de la leçon.</p>"))])}
        ),
    }


def test_authoring_trainer_creates_a_path_and_submits_it(client, trainer):
    """A trainer builds path → module → lesson in the admin and submits the path for review."""
    client.force_login(trainer)
    fields = {**path_fields(), "slug": "parcours-formatrice"}
    response = create_page(client, catalogue(), TrainingPathPage, fields)
    assert response.status_code == 302, form_errors(response)
    path = TrainingPathPage.objects.get(slug="parcours-formatrice")
    assert not path.live

    response = create_page(client, path, CoursePage, {"title": "Module 1", "slug": "module-1"})
    assert response.status_code == 302, form_errors(response)
    module = CoursePage.objects.get(slug="module-1")
    response = create_page(client, module, LessonPage, {**lesson_fields(), "slug": "lecon-1"})
    assert response.status_code == 302, form_errors(response)

    response = edit_page(client, path, action="action-submit")
    assert response.status_code == 302, form_errors(response)
    path.refresh_from_db()
    assert path.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert path.current_workflow_state.workflow.name == "Relecture pédagogique"
    assert not path.live


def test_authoring_trainer_cannot_publish(client, trainer):
    """ "Publish" is not offered to a trainer: posting it only saves a draft."""
    path = TrainingPathFactory(title="Brouillon de formatrice", owner=trainer)
    module = CourseFactory(parent=path)
    LessonFactory(parent=module)
    client.force_login(trainer)
    response = client.get(edit_url(path))
    assert 'name="action-publish"' not in response.content.decode()
    response = edit_page(client, path, {"summary": "Modifié"}, action="action-publish")
    assert response.status_code == 302
    path.refresh_from_db()
    assert not path.live
    assert path.summary == "Modifié"


def test_authoring_trainer_cannot_edit_outside_the_catalogue(client, trainer):
    """The home page and other site pages are out of a trainer's reach."""
    client.force_login(trainer)
    home = HomePage.objects.get()
    response = client.get(edit_url(home))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != edit_url(home)
    perms = home.permissions_for_user(trainer)
    assert not perms.can_edit() and not perms.can_add_subpage()
    assert catalogue().permissions_for_user(trainer).can_add_subpage()
    assert not TrainingPathPage.can_create_at(home)


def test_authoring_reviewer_approves_and_the_path_goes_live_with_its_pages(
    client, trainer, reviewer
):
    """Approval publishes the path with its never-published modules and lessons."""
    path = TrainingPathFactory(title="À relire", owner=trainer)
    module = CourseFactory(parent=path)
    lesson = LessonFactory(parent=module, duration_minutes=45)
    client.force_login(trainer)
    assert edit_page(client, path, action="action-submit").status_code == 302

    client.force_login(reviewer)
    path.refresh_from_db()
    task_state = path.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[path.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Très clair, merci."})
    assert response.status_code == 302

    for page in (path, module, lesson):
        page.refresh_from_db()
        assert page.live, page
    assert path.estimated_duration_minutes == 45
    assert client.get(path.url).status_code == 200


def test_authoring_reviewer_requests_changes_with_a_comment(client, trainer, reviewer):
    """Rejection keeps the path offline and sends it back to the trainer with the comment."""
    path = TrainingPathFactory(title="À revoir", owner=trainer)
    LessonFactory(parent=CourseFactory(parent=path))
    client.force_login(trainer)
    edit_page(client, path, action="action-submit")

    client.force_login(reviewer)
    path.refresh_from_db()
    task_state = path.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[path.pk, "reject", task_state.pk])
    response = client.post(url, {"comment": "Ajoutez un quiz de fin de module."})
    assert response.status_code == 302

    path.refresh_from_db()
    assert not path.live
    state = path.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Ajoutez un quiz de fin de module."
    # The trainer may resubmit after editing.
    client.force_login(trainer)
    assert edit_page(client, path, action="action-submit").status_code == 302
    path.refresh_from_db()
    assert path.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_authoring_reviewer_can_publish_directly(client, reviewer):
    """Reviewers hold the publish permission on the catalogue."""
    path = TrainingPathFactory(title="Publié par la responsable")
    LessonFactory(parent=CourseFactory(parent=path))
    client.force_login(reviewer)
    response = edit_page(client, path, action="action-publish")
    assert response.status_code == 302, form_errors(response)
    path.refresh_from_db()
    assert path.live


@pytest.mark.parametrize(
    "view", ["wagtailadmin_pages:history", "wagtailadmin_pages:preview_on_edit"]
)
def test_authoring_history_and_preview_are_available(client, trainer, view):
    """Revision history and preview work for a trainer's draft."""
    path = TrainingPathFactory(title="Avec historique", owner=trainer)
    LessonFactory(parent=CourseFactory(parent=path))
    path.save_revision(user=trainer)
    client.force_login(trainer)
    response = client.get(reverse(view, args=[path.pk]))
    assert response.status_code == 200


def test_authoring_preview_shows_draft_outline(client, trainer):
    """The preview of a new path shows its draft modules and lessons to the reviewer."""
    path = TrainingPathFactory(title="Aperçu", owner=trainer)
    LessonFactory(
        parent=CourseFactory(parent=path, title="Module en brouillon"), title="Leçon en brouillon"
    )
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[path.pk])
    data = client.get(edit_url(path))
    assert data.status_code == 200
    client.post(url, {**_current_form(client, path)})
    html = client.get(url).content.decode()
    assert "Leçon en brouillon" in html


def _current_form(client, page):
    from wagtail.test.utils.form_data import querydict_from_html

    return querydict_from_html(
        client.get(edit_url(page)).content.decode(), form_id="page-edit-form"
    )


def test_authoring_compare_revisions(client, reviewer):
    """Two revisions of a path can be compared."""
    path = TrainingPathFactory(title="Comparer")
    first = path.save_revision()
    path.summary = "Nouveau résumé"
    second = path.save_revision()
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[path.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Nouveau résumé" in response.content.decode()
    assert Page.objects.filter(pk=path.pk).exists()


def test_authoring_scheduled_publishing(reviewer):
    """A path scheduled by a reviewer goes live with its pages when the time comes."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Revision

    path = TrainingPathFactory(title="Programmé")
    lesson = LessonFactory(parent=CourseFactory(parent=path))
    path.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = path.save_revision(user=reviewer)
    revision.publish(user=reviewer)
    path.refresh_from_db()
    assert not path.live

    # The time comes: move the scheduled date into the past.
    revision = Revision.objects.get(pk=revision.pk)
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    path.refresh_from_db()
    lesson.refresh_from_db()
    assert path.live and lesson.live
