"""Constant queries per page, whatever the page size or the amount of data: each list is read
with its related rows joined or prefetched, never one query per record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import TrainingSessionFactory, build_path
from courses.models import CoursePage
from learners.certification.models import Certificate, new_code, new_public_id
from learners.factories import EnrolmentFactory, UserFactory
from learners.learning.models import Enrolment
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/agents/",
    "/api/v1/enrolments/",
    "/api/v1/completions/",
    "/api/v1/certificates/",
    "/api/v1/campaigns/",
    "/api/v1/assignments/",
    "/api/v1/catalogue/",
]


def grow(world, agents: int) -> None:
    """More agents in the first ministry, each with a completed path and a certificate; more
    paths with sessions in the catalogue."""
    for _ in range(agents):
        agent = UserFactory(org_unit=world.own.office)
        enrolment = EnrolmentFactory(
            user=agent, path=world.path, status=Enrolment.Status.COMPLETED, completed_minutes=30
        )
        Certificate.objects.create(
            public_id=new_public_id(),
            code=new_code(),
            user=agent,
            enrolment=enrolment,
            path=world.path,
            holder_name=agent.get_full_name(),
            path_title=world.path.title,
            path_revision_id=1,
            enrolment_completed_at=enrolment.enrolled_at,
        )
    for _ in range(3):
        path = build_path()
        TrainingSessionFactory(course=CoursePage.objects.child_of(path).first())


def count(client, url, token, size) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": size}, **bearer(token))
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("url", LISTS)
def test_api_queries_constant_per_page(client, api_world, url, django_assert_max_num_queries):
    """Same number of queries for a page of 1 and a page of 50 after 8 more agents and paths."""
    token = api_world.tokens["hr"]
    small, _rows = count(client, url, token, 1)
    grow(api_world, 8)
    large, rows = count(client, url, token, 50)
    assert large == small, (small, large)
    with django_assert_max_num_queries(12):
        client.get(url, {"page_size": 50}, **bearer(token))
    if url in ("/api/v1/agents/", "/api/v1/enrolments/", "/api/v1/certificates/"):
        assert rows > 8
