"""Swapped ids: every URL taking an object id or code, given ANOTHER user's object, answers
403/404 to GET and POST alike, and a refused POST changes nothing in the database."""

import pytest
from django.urls import reverse

from learners.certification.models import Certificate
from learners.learning.models import Enrolment, QuizAttempt
from learners.sessions.models import SessionRegistration
from learners.team.models import Assignment, Campaign, TeamExport

pytestmark = pytest.mark.django_db

REFUSED = {403, 404}


def snapshot():
    """The rows a swapped POST could touch, with the fields it could change."""
    return (
        list(Enrolment.objects.order_by("pk").values_list("pk", "status", "abandoned_at")),
        list(SessionRegistration.objects.order_by("pk").values_list("pk", "status")),
        list(Certificate.objects.order_by("pk").values_list("pk", "revoked_at", "superseded_by")),
        list(QuizAttempt.objects.order_by("pk").values_list("pk", "score")),
        list(Assignment.objects.order_by("pk").values_list("pk", "campaign_id", "user_id")),
        list(Campaign.objects.order_by("pk").values_list("pk", "title")),
        list(TeamExport.objects.order_by("pk").values_list("pk", "status", "file")),
    )


# (name, acting role, url builder on the other user's object, accepts POST)
AGENT_SWAPS = [
    ("abandon_path", lambda w: reverse("abandon_path", args=[w.extra["other_only_path"].pk]), True),
    ("quiz_attempt", lambda w: reverse("quiz_attempt", args=[w.other.attempt.pk]), False),
    (
        "cancel_registration",
        lambda w: reverse("cancel_registration", args=[w.other.registration.pk]),
        True,
    ),
    (
        "registration_calendar",
        lambda w: reverse("registration_calendar", args=[w.other.registration.pk]),
        False,
    ),
    (
        "certificate_pdf",
        lambda w: reverse("certificate_pdf", args=[w.other.certificate.public_id]),
        False,
    ),
    (
        "certificate_credential",
        lambda w: reverse("certificate_credential", args=[w.other.certificate.public_id]),
        False,
    ),
    (
        "certificate_renew",
        lambda w: reverse("certificate_renew", args=[w.other.certificate.public_id]),
        True,
    ),
]
MANAGER_SWAPS = [
    ("team_agent", lambda w: reverse("team_agent", args=[w.org.b1.pk]), False),
    ("team_unit", lambda w: reverse("team_unit", args=[w.org.unit_b.pk]), False),
    ("team_campaign", lambda w: reverse("team_campaign", args=[w.org.campaign_b.pk]), True),
    (
        "team_export_status",
        lambda w: reverse("team_export_status", args=[w.other_export.pk]),
        False,
    ),
    (
        "team_export_download",
        lambda w: reverse("team_export_download", args=[w.other_export.pk]),
        False,
    ),
]
CASES = [("agent", *case) for case in AGENT_SWAPS] + [("manager", *case) for case in MANAGER_SWAPS]


@pytest.mark.parametrize(
    ("role", "name", "url_of", "accepts_post"), CASES, ids=[c[1] for c in CASES]
)
def test_swap_ids_get_is_refused(client, world, role, name, url_of, accepts_post):
    """GET with another user's object id: 403 or 404 (the other agent's data is not shown)."""
    client.force_login(world.user(role))
    response = client.get(url_of(world))
    if name == "certificate_renew":
        assert response.status_code == 405  # POST only; the POST case below checks ownership
        return
    assert response.status_code in REFUSED
    body = response.content.decode(errors="replace")
    assert world.org.b1.last_name not in body


@pytest.mark.parametrize(
    ("role", "name", "url_of", "accepts_post"), CASES, ids=[c[1] for c in CASES]
)
def test_swap_ids_post_is_refused_and_changes_nothing(
    client, world, role, name, url_of, accepts_post
):
    """POST with another user's object id: 403/404 (405 for GET-only views), nothing written."""
    client.force_login(world.user(role))
    before = snapshot()
    data = {"agents": [world.org.a1.pk, world.org.a2.pk]} if name == "team_campaign" else {}
    response = client.post(url_of(world), data)
    expected = REFUSED if accepts_post else {403, 404, 405}
    assert response.status_code in expected
    assert snapshot() == before


def test_swap_ids_other_agent_certificate_code_verification_shows_holder_only_publicly(
    client, world
):
    """Public verification by code is by design open to all: it discloses no download link."""
    client.force_login(world.org.a1)
    certificate = world.other.certificate
    response = client.get(reverse("certificate_verify_detail", args=[certificate.public_id]))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("certificate_pdf", args=[certificate.public_id]) not in body
    assert reverse("certificate_credential", args=[certificate.public_id]) not in body
