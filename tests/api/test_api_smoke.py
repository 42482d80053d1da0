import pytest

from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_api_completions_lists_own_unit(client, api_world):
    response = client.get("/api/v1/completions/", **bearer(api_world.tokens["hr"]))
    assert response.status_code == 200, response.content
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == [api_world.own.enrolment.pk]
