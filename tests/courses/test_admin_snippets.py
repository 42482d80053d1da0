"""The catalogue's snippets (themes, skills) in the Wagtail admin: administrators who are not
superusers manage them (courses/migrations/0004); trainers and reviewers are refused."""

import pytest
from django.contrib.auth.models import Group, Permission

from courses.models import Theme
from learners.accounts.permissions import ADMINISTRATORS_GROUP, REVIEWERS_GROUP, TRAINERS_GROUP
from learners.factories import UserFactory
from tests.courses.conftest import make_reviewer, make_trainer

pytestmark = pytest.mark.django_db

THEMES = "/cms/snippets/courses/theme/"
SKILLS = "/cms/snippets/courses/skilltag/"
SNIPPET_PERMISSIONS = {
    f"{action}_{model}"
    for model in ("theme", "skilltag")
    for action in ("add", "change", "delete", "view")
}


@pytest.fixture
def administrator():
    return UserFactory(
        email="administratrice@campus.example",
        groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)],
    )


def snippet_permissions_of(group_name: str) -> set[str]:
    return (
        set(
            Permission.objects.filter(
                group__name=group_name, content_type__app_label="courses"
            ).values_list("codename", flat=True)
        )
        & SNIPPET_PERMISSIONS
    )


def test_admin_snippets_only_administrators_hold_the_permissions():
    """The migration grants the four actions on themes and skills to "Administrateurs" only."""
    assert snippet_permissions_of(ADMINISTRATORS_GROUP) == SNIPPET_PERMISSIONS
    assert snippet_permissions_of(TRAINERS_GROUP) == set()
    assert snippet_permissions_of(REVIEWERS_GROUP) == set()


@pytest.mark.parametrize("url", [THEMES, SKILLS])
def test_admin_snippets_administrator_opens_the_lists(client, administrator, url):
    """A non-superuser administrator opens the themes and skills lists."""
    assert not administrator.is_superuser
    client.force_login(administrator)
    response = client.get(url)
    assert response.status_code == 200
    if url == THEMES:
        assert Theme.objects.order_by("name").first().name in response.content.decode()


def test_admin_snippets_administrator_adds_a_theme(client, administrator):
    """The administrator's form creates the theme."""
    client.force_login(administrator)
    response = client.post(
        f"{THEMES}add/",
        {"name": "Achats numériques", "slug": "achats-numeriques", "description": ""},
    )
    assert response.status_code == 302
    assert Theme.objects.filter(slug="achats-numeriques").exists()


@pytest.mark.parametrize("make_user", [make_trainer, make_reviewer], ids=["trainer", "reviewer"])
@pytest.mark.parametrize("url", [THEMES, SKILLS])
def test_admin_snippets_trainers_and_reviewers_are_refused(client, make_user, url):
    """Trainers and reviewers reach the admin but are sent back to its home from the lists."""
    client.force_login(make_user())
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/cms/"
    assert client.get("/cms/").status_code == 200
