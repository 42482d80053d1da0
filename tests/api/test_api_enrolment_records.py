"""The enrolments lists write their rows with `enrolment_records` (plain rows, for speed): the
JSON must stay what EnrolmentSerializer says of the same enrolments, field for field."""

import datetime
import json

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from learners.api.serializers import EnrolmentSerializer
from learners.factories import EnrolmentFactory, UserFactory
from learners.learning.models import Enrolment
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/enrolments/", "/api/v1/completions/"])
def test_api_enrolment_records_same_as_serializer(client, api_world, url):
    """Every status, null and summer/winter dates: the page equals the serializer's output."""
    moment = timezone.now().replace(month=7, day=14, microsecond=123456)
    for status in Enrolment.Status.values:
        EnrolmentFactory(
            user=UserFactory(org_unit=api_world.own.office),
            path=api_world.path,
            status=status,
            origin=Enrolment.Origin.ASSIGNED,
            progress_percent=42,
            completed_minutes=17,
            started_at=moment,
            completed_at=moment + datetime.timedelta(days=150),
            abandoned_at=None,
        )
    response = client.get(url, {"page_size": 500}, **bearer(api_world.tokens["hr"]))
    assert response.status_code == 200, response.content
    ids = [record["id"] for record in response.json()["results"]]
    assert len(ids) >= 2
    enrolments = Enrolment.objects.select_related("user", "path").in_bulk(ids)
    expected = EnrolmentSerializer([enrolments[pk] for pk in ids], many=True).data
    assert response.json()["results"] == json.loads(JSONRenderer().render(expected))
