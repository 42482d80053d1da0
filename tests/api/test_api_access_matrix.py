"""Least privilege of the API: every endpoint × (no token, token of another unit's client, token
without the scope, right token). A URL of learners/api/urls.py without a row fails
`test_api_matrix_covers_every_endpoint`. The "other" client is given the first ministry's ids:
404, ids of another client's units are not disclosed (the swap test of every id)."""

import pytest
from django.urls import URLPattern

from learners.api import urls as api_urls
from learners.team.models import Assignment
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

NONE, OTHER, NO_SCOPE, RIGHT = "none", "other", "no_scope", "hr"
PUBLIC = {NONE: 200, OTHER: 200, NO_SCOPE: 200, RIGHT: 200}
RECORD_LIST = {NONE: 401, OTHER: 200, NO_SCOPE: 403, RIGHT: 200}
RECORD = {NONE: 401, OTHER: 404, NO_SCOPE: 403, RIGHT: 200}

# url name: (url builder on the world, expectations of GET)
MATRIX = {
    "api_catalogue": (lambda w: "/api/v1/catalogue/", PUBLIC),
    "api_catalogue_path": (lambda w: f"/api/v1/catalogue/{w.path.pk}/", PUBLIC),
    "api_certificate_verify": (
        lambda w: f"/api/v1/certificates/verify/?code={w.own.certificate.code}",
        PUBLIC,
    ),
    "api_statistics": (lambda w: "/api/v1/statistics/", PUBLIC),
    "api_agents": (lambda w: "/api/v1/agents/", RECORD_LIST),
    "api_agent": (lambda w: f"/api/v1/agents/{w.own.agent.pk}/", RECORD),
    "api_enrolments": (lambda w: "/api/v1/enrolments/", RECORD_LIST),
    "api_enrolment": (lambda w: f"/api/v1/enrolments/{w.own.enrolment.pk}/", RECORD),
    "api_completions": (lambda w: "/api/v1/completions/", RECORD_LIST),
    "api_certificates": (lambda w: "/api/v1/certificates/", RECORD_LIST),
    "api_certificate": (lambda w: f"/api/v1/certificates/{w.own.certificate.pk}/", RECORD),
    "api_campaigns": (lambda w: "/api/v1/campaigns/", RECORD_LIST),
    "api_campaign": (lambda w: f"/api/v1/campaigns/{w.own.campaign.pk}/", RECORD),
    "api_assignments": (lambda w: "/api/v1/assignments/", RECORD_LIST),
    "api_assignment": (lambda w: f"/api/v1/assignments/{w.own.assignment.pk}/", RECORD),
}
# Not data endpoints: the schema, its documentation, the token endpoint (tested on their own).
OUTSIDE = {"api_schema", "api_docs", "api_token"}
# POST only: its matrix is in test_api_organisation_import.py.
OUTSIDE |= {"api_organisation_import"}

# The ids of the first ministry's objects each list may show.
OWN_IDS = {
    "api_agents": lambda w: {w.own.agent.pk, w.own.assignment.user_id},
    "api_enrolments": lambda w: {w.own.enrolment.pk, w.own.assignment.enrolment_id},
    "api_completions": lambda w: {w.own.enrolment.pk},
    "api_certificates": lambda w: {w.own.certificate.pk},
    "api_campaigns": lambda w: {w.own.campaign.pk},
    "api_assignments": lambda w: {w.own.assignment.pk},
}


def headers(world, who):
    return {} if who == NONE else bearer(world.tokens[who])


def test_api_matrix_covers_every_endpoint():
    """Every URL of the API has a row (or is one of the non-data endpoints)."""
    names = {p.name for p in api_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(MATRIX) | OUTSIDE


@pytest.mark.parametrize("who", [NONE, OTHER, NO_SCOPE, RIGHT])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_api_matrix_get(client, api_world, name, who):
    """GET answers as the matrix says, as JSON; lists never show another client's records."""
    build, expected = MATRIX[name]
    response = client.get(build(api_world), **headers(api_world, who))
    assert response.status_code == expected[who], response.content
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == {"code", "message", "errors"}
    if name in OWN_IDS and response.status_code == 200:
        ids = {row["id"] for row in body["results"]}
        own = OWN_IDS[name](api_world)
        if who == RIGHT:
            assert own <= ids
        else:
            assert not own & ids


@pytest.mark.parametrize(
    ("who", "expected"), [(NONE, 401), (NO_SCOPE, 403), (OTHER, 400), (RIGHT, 201)]
)
def test_api_matrix_create_assignment(client, api_world, who, expected):
    """Assigning the first ministry's agent: only its client may (the other's is refused,
    nothing is created)."""
    before = Assignment.objects.count()
    response = client.post(
        "/api/v1/assignments/",
        {"path": api_world.path.pk, "due_date": "2099-01-31", "agents": [api_world.own.agent.pk]},
        content_type="application/json",
        **headers(api_world, who),
    )
    assert response.status_code == expected, response.content
    assert Assignment.objects.count() == before + (1 if expected == 201 else 0)


@pytest.mark.parametrize(
    ("who", "expected"), [(NONE, 401), (NO_SCOPE, 403), (OTHER, 404), (RIGHT, 204)]
)
def test_api_matrix_cancel_assignment(client, api_world, who, expected):
    """Cancelling the first ministry's assignment: only its client may."""
    pk = api_world.own.assignment.pk
    response = client.delete(f"/api/v1/assignments/{pk}/", **headers(api_world, who))
    assert response.status_code == expected, response.content
    assert Assignment.objects.filter(pk=pk).exists() == (expected != 204)


def test_api_matrix_token_of_a_deactivated_client_is_refused(client, api_world):
    """An administrator deactivating a client cuts its tokens at once."""
    api_world.clients["hr"].is_active = False
    api_world.clients["hr"].save()
    response = client.get("/api/v1/agents/", **bearer(api_world.tokens["hr"]))
    assert response.status_code == 401
    assert response.json()["code"] == "authentification_echouee"


def test_api_matrix_scope_taken_away_is_refused(client, api_world):
    """A scope removed from the client no longer opens its endpoints, even with a token
    issued before."""
    api_world.clients["hr"].scopes = ["catalogue:read"]
    api_world.clients["hr"].save()
    response = client.get("/api/v1/agents/", **bearer(api_world.tokens["hr"]))
    assert response.status_code == 403


def test_api_matrix_unknown_token_is_refused(client, api_world):
    response = client.get("/api/v1/catalogue/", **bearer("not-a-token"))
    assert response.status_code == 401


def test_api_throttling_per_client(client, api_world, settings):
    """Past its rate a client gets 429 (JSON); another client is not slowed down by it."""
    settings.API_CLIENT_RATE = "2/minute"
    for _ in range(2):
        assert client.get("/api/v1/agents/", **bearer(api_world.tokens["hr"])).status_code == 200
    refused = client.get("/api/v1/agents/", **bearer(api_world.tokens["hr"]))
    assert refused.status_code == 429
    assert refused.json()["code"] == "trop_de_requetes"
    assert client.get("/api/v1/agents/", **bearer(api_world.tokens["other"])).status_code == 200
