"""An HR world for the API: two ministries, agents and records in each, and three clients.

- `hr`: the first ministry's HR system, every scope, sees the ministry and every unit below;
- `other`: the second ministry's, every scope: the first ministry's ids are not its own;
- `no_scope`: the first ministry's, with `catalogue:read` only.
"""

import base64
import datetime
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.utils import timezone

from courses.factories import build_path
from learners.accounts.models import OrgUnit
from learners.api import services
from learners.api.models import ApiClient
from learners.certification.models import Certificate, new_code, new_public_id
from learners.factories import EnrolmentFactory, OrgUnitFactory, UserFactory
from learners.learning.models import Enrolment
from learners.team.services.assignments import create_campaign

ALL_SCOPES = [scope.value for scope in ApiClient.Scope]


def get_token(client, api_client: ApiClient, secret: str, scope: str | None = None) -> str:
    """A token through the real endpoint (client credentials, HTTP Basic)."""
    basic = base64.b64encode(f"{api_client.client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    response = client.post("/api/v1/oauth/token/", data, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


@dataclass
class Side:
    ministry: OrgUnit
    office: OrgUnit
    agent: object
    enrolment: Enrolment
    certificate: Certificate
    assignment: object = None
    campaign: object = None
    extra: dict = field(default_factory=dict)


@dataclass
class ApiWorld:
    path: object
    own: Side
    other: Side
    clients: dict
    tokens: dict


def _side(name: str, path, admin) -> Side:
    ministry = OrgUnitFactory(name=f"Ministère {name}", kind=OrgUnit.Kind.MINISTRY)
    direction = OrgUnitFactory(parent=ministry, kind=OrgUnit.Kind.DIRECTION)
    office = OrgUnitFactory(parent=direction)
    agent = UserFactory(org_unit=office)
    enrolment = EnrolmentFactory(
        user=agent,
        path=path,
        status=Enrolment.Status.COMPLETED,
        progress_percent=100,
        completed_minutes=90,
        completed_at=timezone.now(),
    )
    certificate = Certificate.objects.create(
        public_id=new_public_id(),
        code=new_code(),
        user=agent,
        enrolment=enrolment,
        path=path,
        holder_name=agent.get_full_name(),
        path_title=path.title,
        path_revision_id=1,
        enrolment_completed_at=enrolment.completed_at,
    )
    second = UserFactory(org_unit=office)
    campaign = create_campaign(
        path=path,
        created_by=admin,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        users=[second],
    )
    return Side(
        ministry=ministry,
        office=office,
        agent=agent,
        enrolment=enrolment,
        certificate=certificate,
        assignment=campaign.assignments.get(),
        campaign=campaign,
    )


@pytest.fixture
def api_world(client, django_user_model) -> ApiWorld:
    cache.clear()  # throttling counts: ids of clients come back after a rollback
    admin = UserFactory(is_superuser=True, is_staff=True)
    path = build_path()
    own = _side("A", path, admin)
    other = _side("B", path, admin)
    clients, tokens = {}, {}
    for key, units, scopes in (
        ("hr", [own.ministry], ALL_SCOPES),
        ("other", [other.ministry], ALL_SCOPES),
        ("no_scope", [own.ministry], ["catalogue:read"]),
    ):
        api_client, secret = services.create_client(
            name=f"SIRH {key}", scopes=scopes, units=units, created_by=admin
        )
        clients[key] = api_client
        tokens[key] = get_token(client, api_client, secret)
    return ApiWorld(path=path, own=own, other=other, clients=clients, tokens=tokens)


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
