"""The administrators' "Traces xAPI" admin page: the outbox's state, and who may see it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from learners.accounts.permissions import ADMINISTRATORS_GROUP, REVIEWERS_GROUP, TRAINERS_GROUP
from learners.factories import UserFactory
from learners.xapi.models import StatementOutbox

pytestmark = pytest.mark.django_db

URL = "/cms/traces-xapi/"
Status = StatementOutbox.Status


def user_with(role: str):
    groups = {
        "trainer": TRAINERS_GROUP,
        "reviewer": REVIEWERS_GROUP,
        "administrator": ADMINISTRATORS_GROUP,
    }
    fields = {"email": f"{role}-xapi@campus.example"}
    if role == "superuser":
        fields.update(is_superuser=True, is_staff=True)
    elif role in groups:
        fields["groups"] = [Group.objects.get(name=groups[role])]
    return UserFactory(**fields)


def test_admin_outbox_url():
    assert reverse("learners_xapi_outbox") == URL


@pytest.mark.parametrize("role", ["administrator", "superuser"])
def test_admin_outbox_administrators_see_the_state(client, role):
    """Counts sent, pending and failing, the oldest waiting and the last error."""
    now = timezone.now()
    rows = [
        (Status.SENT, ""),
        (Status.SENT, ""),
        (Status.PENDING, ""),
        (Status.FAILED, "HTTP 503: LRS en maintenance"),
    ]
    for number, (status, error) in enumerate(rows):
        StatementOutbox.objects.create(
            statement_id=f"00000000-0000-5000-8000-00000000000{number}",
            statement={},
            status=status,
            last_error=error,
            sent_at=now if status == Status.SENT else None,
        )
    client.force_login(user_with(role))
    response = client.get(URL)
    assert response.status_code == 200
    state = response.context["state"]
    assert (state.sent, state.pending, state.failing) == (2, 1, 1)
    assert state.oldest_pending_at is not None
    html = response.content.decode()
    assert "HTTP 503: LRS en maintenance" in html
    assert "Plus ancienne déclaration en attente" in html
    assert f'"{URL}"' in client.get("/cms/").content.decode()  # in the "Rapports" menu


@pytest.mark.parametrize("role", ["trainer", "reviewer"])
def test_admin_outbox_other_staff_are_refused(client, role):
    """Trainers and reviewers reach the admin, not this page: 403, and no menu item."""
    client.force_login(user_with(role))
    assert client.get(URL).status_code == 403
    assert f'"{URL}"' not in client.get("/cms/").content.decode()


def test_admin_outbox_agents_are_sent_to_login(client):
    """An agent without admin access is sent to the login page."""
    client.force_login(user_with("agent"))
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
