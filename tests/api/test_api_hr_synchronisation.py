"""End to end: an administrator creates an HR client in the Wagtail admin; the HR system gets a
token, synchronises its ministry's completions incrementally (`updated_since`) and assigns a
mandatory training, whose agents get the managers' screen's e-mail. Every call is audited.
Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learners.accounts.permissions import TRAINERS_GROUP
from learners.api.models import ApiClient
from learners.factories import EnrolmentFactory, UserFactory
from learners.learning.models import Enrolment
from learners.privacy.models import AuditEvent
from learners.team.models import Assignment
from tests.api.conftest import bearer, get_token

pytestmark = pytest.mark.django_db
SECRET = re.compile(r"Identifiant : (\S+) — secret : (\S+)\.")


def create_client_in_admin(client, admin, *, units, scopes) -> tuple[ApiClient, str]:
    client.force_login(admin)
    response = client.post(
        reverse("learners_api_clients:add"),
        {
            "name": "SIRH du ministère A",
            "scopes": scopes,
            "units": [unit.pk for unit in units],
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    found = SECRET.search(response.content.decode())
    assert found, "the secret is shown once, on creation"
    client.logout()
    return ApiClient.objects.get(application__client_id=found.group(1)), found.group(2)


def all_pages(client, url, token, **params) -> list[dict]:
    rows = []
    while url:
        response = client.get(url, params, **bearer(token))
        params = {}  # the next page's URL carries them
        assert response.status_code == 200, response.content
        body = response.json()
        rows += body["results"]
        url = body["next"] and urlsplit(body["next"])._replace(scheme="", netloc="").geturl()
    return rows


def test_api_hr_client_synchronises_completions_and_assigns(
    client, api_world, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_superuser=True, is_staff=True)
    own = api_world.own
    more = [UserFactory(org_unit=own.office) for _ in range(3)]
    for agent in more:
        EnrolmentFactory(user=agent, path=api_world.path, status=Enrolment.Status.IN_PROGRESS)
    hr, secret = create_client_in_admin(
        client, admin, units=[own.ministry], scopes=["records:read", "assignments:write"]
    )
    assert hr.created_by == admin
    token = get_token(client, hr, secret)

    # First synchronisation: every completion of the ministry, one per page.
    first = all_pages(client, "/api/v1/completions/?page_size=1", token)
    assert [row["id"] for row in first] == [own.enrolment.pk]
    assert first[0]["status"] == "termine" and first[0]["completed_minutes"] == 90
    since = max(row["updated_at"] for row in first)

    # An agent completes the path; the next synchronisation brings only what changed.
    done = Enrolment.objects.get(user=more[0])
    Enrolment.objects.filter(pk=done.pk).update(
        status=Enrolment.Status.COMPLETED, completed_at=timezone.now(), progress_percent=100
    )
    second = all_pages(client, "/api/v1/completions/", token, updated_since=since)
    changed = {row["id"] for row in second} - {own.enrolment.pk}  # `since` itself is included
    assert changed == {done.pk}
    latest = max(row["updated_at"] for row in second)
    assert [
        row["id"] for row in all_pages(client, "/api/v1/completions/", token, updated_since=latest)
    ] == [done.pk]

    # A mandatory training for two agents, with the managers' screen's e-mail.
    mail.outbox.clear()
    due = timezone.localdate() + datetime.timedelta(days=60)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/assignments/",
            {
                "path": api_world.path.pk,
                "due_date": due.isoformat(),
                "agents": [more[1].pk, more[2].pk],
                "title": "Obligatoire 2027",
            },
            content_type="application/json",
            **bearer(token),
        )
    assert response.status_code == 201, response.content
    campaign = response.json()
    assert campaign["title"] == "Obligatoire 2027" and campaign["due_date"] == due.isoformat()
    assigned = Assignment.objects.filter(campaign_id=campaign["id"])
    assert {a.user_id for a in assigned} == {more[1].pk, more[2].pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([more[1].email, more[2].email])
    listed = all_pages(client, f"/api/v1/assignments/?agent={more[1].pk}", token)
    assert [row["campaign"] for row in listed] == [campaign["id"]]

    # Refused: a due date in the past, named like the screen does.
    past = client.post(
        "/api/v1/assignments/",
        {"path": api_world.path.pk, "due_date": "2000-01-01", "agents": [more[1].pk]},
        content_type="application/json",
        **bearer(token),
    )
    assert past.status_code == 400
    assert past.json()["code"] == "refus_du_service"
    assert "passé" in past.json()["message"]

    # The audit log names the client, the endpoint and the number of records.
    calls = AuditEvent.objects.filter(action=AuditEvent.Action.API_CALL, target_id=str(hr.pk))
    assert calls.count() >= 4
    first_call = calls.order_by("created_at", "pk").first()
    assert first_call.details["records"] == 1
    assert first_call.details["path"] == "/api/v1/completions/"
    assert "SIRH du ministère A" in first_call.actor_label


@pytest.mark.parametrize("role", ["trainer", "manager"])
def test_api_clients_admin_is_for_administrators_only(client, api_world, role):
    """Trainers (who reach the admin) get 403; managers, who have no admin access, Wagtail's
    denial (a redirect, as in the site's access matrix); neither creates a client."""
    expected = 403 if role == "trainer" else 302
    user = UserFactory()
    if role == "trainer":
        user.groups.add(Group.objects.get(name=TRAINERS_GROUP))
    else:
        user.managed_units.add(api_world.own.ministry)
    client.force_login(user)
    for name in ("learners_api_clients:index", "learners_api_clients:add"):
        response = client.get(reverse(name))
        assert response.status_code == expected, (name, response.status_code)
    response = client.post(reverse("learners_api_clients:add"), {"name": "x"})
    assert response.status_code == expected
    assert not ApiClient.objects.filter(name="x").exists()
