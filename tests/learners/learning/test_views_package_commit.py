"""The commit endpoint of SCORM and H5P activities: who may write what, ordering and
idempotence, the sendBeacon form body, and hostile bodies (always a 400 JSON in French, never a
500, the saved state kept)."""

import json
import uuid

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.models import H5PActivityPage, ScormActivityPage
from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.models import ActivityCompletion, PackageAttempt
from tests.packages import H5P_TRUEFALSE, SCORM12, SCORM12_MULTI, SCORM2004, package_path, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path_factory):
    settings.PACKAGE_ROOT = tmp_path_factory.getbasetemp() / "packages"


@pytest.fixture
def scorm12():
    path = package_path(stored(SCORM12))
    return path, ScormActivityPage.objects.descendant_of(path).get()


@pytest.fixture
def agent(scorm12, client):
    user = UserFactory()
    learning_services.enrol(user=user, path=scorm12[0])
    client.force_login(user)
    return user


def url(page) -> str:
    return f"/apprendre/{page.pk}/paquet/"


def body(sco="item_1", sequence=1, attempt=None, **cmi) -> dict:
    return {
        "sco": sco,
        "sequence": sequence,
        "attempt": str(attempt or uuid.uuid4()),
        "cmi": cmi or {"cmi.core.lesson_status": "incomplete"},
    }


def post(client, page, payload, **extra):
    data = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(url(page), data, content_type="application/json", **extra)


def status(**cmi) -> dict:
    return {f"cmi.core.{key}": value for key, value in cmi.items()}


# --- Access --------------------------------------------------------------------------------


def test_views_package_commit_anonymous_refused(scorm12, client):
    """An anonymous POST is refused with a JSON 403 (the campus page then says to sign in)."""
    response = post(client, scorm12[1], body())
    assert response.status_code == 403
    assert response.json()["error"] == "login_required"
    assert "reconnectez-vous" in response.json()["message"]
    assert not PackageAttempt.objects.exists()


def test_views_package_commit_not_enrolled_refused(scorm12, client):
    client.force_login(UserFactory())
    response = post(client, scorm12[1], body())
    assert response.status_code == 403
    assert response.json()["error"] == "not_enrolled"
    assert not PackageAttempt.objects.exists()


def test_views_package_commit_abandoned_enrolment_refused(scorm12, agent, client):
    learning_services.abandon(user=agent, path=scorm12[0])
    assert post(client, scorm12[1], body()).status_code == 403


def test_views_package_commit_writes_only_own_attempt(scorm12, agent, client):
    """Agent B posting the same activity and SCO (even A's attempt uuid) writes only B's row."""
    page = scorm12[1]
    key = uuid.uuid4()
    assert (
        post(client, page, body(attempt=key, **status(lesson_location="page-3"))).status_code == 200
    )
    other = UserFactory()
    learning_services.enrol(user=other, path=scorm12[0])
    other_client = Client()
    other_client.force_login(other)
    response = post(
        other_client, page, body(attempt=key, sequence=5, **status(lesson_location="x"))
    )
    assert response.status_code == 200
    mine = PackageAttempt.objects.get(user=agent)
    theirs = PackageAttempt.objects.get(user=other)
    assert mine.cmi["cmi.core.lesson_location"] == "page-3" and mine.sequence == 1
    assert theirs.cmi["cmi.core.lesson_location"] == "x"


def test_views_package_commit_unknown_activity_404(agent, client, scorm12):
    response = client.post("/apprendre/999999/paquet/", json.dumps(body()), "application/json")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_views_package_commit_not_a_package_activity_404(agent, client, scorm12):
    """A lesson or the path itself has no commit endpoint."""
    response = post(client, scorm12[0], body())
    assert response.status_code == 404


def test_views_package_commit_unknown_sco_404(scorm12, agent, client):
    response = post(client, scorm12[1], body(sco="not_an_item"))
    assert response.status_code == 404
    assert "n’existe pas" in response.json()["message"]
    assert not PackageAttempt.objects.exists()


def test_views_package_commit_get_not_allowed(scorm12, agent, client):
    assert client.get(url(scorm12[1])).status_code == 405


def test_views_package_commit_csrf_required(scorm12, agent):
    """Without the CSRF token, the commit is refused (403) and nothing is written."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    response = strict.post(url(scorm12[1]), json.dumps(body()), content_type="application/json")
    assert response.status_code == 403
    assert not PackageAttempt.objects.exists()


def test_views_package_commit_csrf_header_accepted(scorm12, agent):
    """With the token in X-CSRFToken (what the campus page sends), the commit is saved."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    strict.get(f"/apprendre/{scorm12[1].pk}/")
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        url(scorm12[1]), json.dumps(body()), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200, response.content


# --- Ordering, idempotence, page loads ------------------------------------------------------


def test_views_package_commit_saves_and_answers(scorm12, agent, client):
    response = post(client, scorm12[1], body(**status(lesson_status="incomplete")))
    assert response.status_code == 200
    assert response.json() == {
        "saved": True,
        "applied": True,
        "completed": False,
        "passed": None,
        "score": None,
    }
    attempt = PackageAttempt.objects.get()
    assert attempt.completion_status == "incomplete"
    assert attempt.sequence == 1


def test_views_package_commit_repeated_and_late_commits_ignored(scorm12, agent, client):
    """The same sequence twice, or an older one arriving late, changes nothing."""
    page, key = scorm12[1], uuid.uuid4()
    post(client, page, body(attempt=key, sequence=1, **status(lesson_location="1")))
    post(client, page, body(attempt=key, sequence=3, **status(lesson_location="3")))
    again = post(client, page, body(attempt=key, sequence=3, **status(lesson_location="again")))
    late = post(client, page, body(attempt=key, sequence=2, **status(lesson_location="2")))
    assert again.status_code == late.status_code == 200
    assert again.json()["applied"] is False and late.json()["applied"] is False
    attempt = PackageAttempt.objects.get()
    assert (attempt.sequence, attempt.cmi["cmi.core.lesson_location"]) == (3, "3")


def test_views_package_commit_new_page_load_starts_new_sequence(scorm12, agent, client):
    """Another page load (new attempt uuid) starts at 1 again, keeping the saved elements."""
    page = scorm12[1]
    post(
        client, page, body(sequence=9, **status(lesson_location="p9"), **{"cmi.suspend_data": "s"})
    )
    response = post(client, page, body(sequence=1, **status(lesson_location="p10")))
    assert response.json()["applied"] is True
    attempt = PackageAttempt.objects.get()
    assert attempt.sequence == 1
    assert attempt.cmi["cmi.core.lesson_location"] == "p10"
    assert attempt.cmi["cmi.suspend_data"] == "s"


def test_views_package_commit_beacon_form_body(scorm12, agent, client):
    """sendBeacon's FormData body (payload=<json>) is accepted like JSON."""
    payload = json.dumps(body(**status(lesson_status="completed")))
    response = client.post(url(scorm12[1]), {"payload": payload})
    assert response.status_code == 200
    assert response.json()["completed"] is True
    assert ActivityCompletion.objects.filter(user=agent, activity_id=scorm12[1].pk).exists()


def test_views_package_commit_nested_cmi_accepted(scorm12, agent, client):
    """A nested data model ({"cmi": {"core": …}}) is flattened."""
    payload = body()
    payload["cmi"] = {"cmi": {"core": {"lesson_status": "passed", "score": {"raw": 90}}}}
    response = post(client, scorm12[1], payload)
    assert response.json()["completed"] is True and response.json()["score"] == 90


# --- Hostile values --------------------------------------------------------------------------


def assert_refused(response, code=None):
    assert response.status_code == 400, response.content
    data = response.json()
    assert set(data) == {"error", "message"}
    assert data["message"] and data["message"][0].isupper()
    if code:
        assert data["error"] == code
    return data


@pytest.mark.parametrize(
    ("cmi", "code", "fragment"),
    [
        ({"cmi.core.lesson_status": "done"}, "invalid_value", "« passed »"),
        ({"cmi.core.exit": "quit"}, "invalid_value", "cmi.core.exit"),
        ({"cmi.core.score.raw": "120"}, "invalid_value", "entre 0 et 100"),
        ({"cmi.core.score.raw": "abc"}, "invalid_value", "nombre décimal"),
        ({"cmi.core.session_time": "PT1H"}, "invalid_value", "HHHH:MM:SS"),
        ({"cmi.core.lesson_location": "x" * 256}, "too_long", "255"),
        ({"cmi.suspend_data": "x" * 4097}, "too_long", "4096"),
        ({"cmi.completion_status": "completed"}, "unknown_element", "SCORM 1.2"),
        ({"cmi.core.lesson_status": ["passed"]}, "unknown_element", None),
        ({"cmi.core.lesson_status": {"a": 1}}, "unknown_element", None),
        ({"window.location": "x"}, "unknown_element", None),
        ({"cmi.interactions.99999.id": "x"}, "invalid_value", "rang"),
    ],
)
def test_views_package_commit_invalid_scorm12_elements(scorm12, agent, client, cmi, code, fragment):
    """Wrong vocabularies, ranges, lengths, elements: 400 with a French message naming it."""
    data = assert_refused(
        post(client, scorm12[1], body(**{"cmi.core.lesson_location": "ok"}) | {"cmi": cmi}), code
    )
    if fragment:
        assert fragment in data["message"]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("not json", "invalid_json"),
        ("[1, 2]", "invalid_payload"),
        ('{"sco": "item_1", "sequence": NaN}', "invalid_json"),
        (json.dumps(body(sequence=0)), "invalid_sequence"),
        (json.dumps(body(sequence="2")), "invalid_sequence"),
        (json.dumps(body(sequence=True)), "invalid_sequence"),
        (json.dumps(body() | {"attempt": "nope"}), "invalid_attempt"),
        (json.dumps(body() | {"cmi": "cmi.core.lesson_status=passed"}), "invalid_cmi"),
        (json.dumps(body() | {"sco": 12}), "invalid_payload"),
    ],
)
def test_views_package_commit_malformed_bodies(scorm12, agent, client, payload, code):
    assert_refused(post(client, scorm12[1], payload), code)


def test_views_package_commit_refusal_keeps_saved_state(scorm12, agent, client):
    """A refused commit leaves the saved state exactly as it was."""
    page, key = scorm12[1], uuid.uuid4()
    post(
        client,
        page,
        body(attempt=key, **status(lesson_location="kept"), **{"cmi.suspend_data": "s"}),
    )
    before = PackageAttempt.objects.get()
    assert_refused(
        post(client, page, body(attempt=key, sequence=2, **{"cmi.suspend_data": "x" * 5000}))
    )
    after = PackageAttempt.objects.get()
    assert (after.cmi, after.sequence) == (before.cmi, before.sequence)


def test_views_package_commit_form_body_without_payload(scorm12, agent, client):
    assert_refused(client.post(url(scorm12[1]), {"other": "1"}), "invalid_json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    payload=st.one_of(
        json_values,
        st.fixed_dictionaries(
            {
                "sco": st.just("item_1"),
                "sequence": st.integers(),
                "attempt": st.just(str(uuid.uuid4())),
            },
            optional={"cmi": json_values},
        ),
        st.fixed_dictionaries(
            {
                "sco": st.just("item_1"),
                "sequence": st.integers(min_value=100, max_value=200),
                "attempt": st.uuids().map(str),
            },
            optional={
                "cmi": st.dictionaries(
                    st.sampled_from(
                        [
                            "cmi.core.lesson_status",
                            "cmi.core.score.raw",
                            "cmi.core.exit",
                            "cmi.core.session_time",
                            "cmi.suspend_data",
                            "cmi.interactions.0.id",
                            "cmi.core.lesson_location",
                            "cmi.objectives.1.status",
                            "cmi.bogus",
                        ]
                    ),
                    json_values | st.text(min_size=4000, max_size=5000),
                    max_size=5,
                )
            },
        ),
    )
)
def test_views_package_commit_fuzzed_bodies_never_500(scorm12, agent, client, payload):
    """Any JSON body gets 200 or a 400 JSON in French; the saved location is never lost."""
    page = scorm12[1]
    if not PackageAttempt.objects.filter(user=agent).exists():
        post(client, page, body(sequence=1, **status(lesson_location="safe")))
    response = post(client, page, payload)
    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert_refused(response)
    attempt = PackageAttempt.objects.get(user=agent)
    assert "cmi.core.lesson_location" in attempt.cmi


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(max_size=300))
def test_views_package_commit_fuzzed_raw_bytes(scorm12, agent, client, raw):
    response = client.post(url(scorm12[1]), raw, content_type="application/json")
    assert response.status_code == 400
    assert_refused(response)


def test_views_package_commit_huge_body(scorm12, agent, client, settings):
    """A body over Django's limit is a 400 JSON, not an error page."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = post(client, scorm12[1], body(**{"cmi.suspend_data": "x" * 20_000}))
    assert_refused(response, "too_large")


# --- SCORM 2004 and H5P -------------------------------------------------------------------


@pytest.fixture
def enrolled(client):
    def enrol(*packages, **options):
        path = package_path(*packages, **options)
        user = UserFactory()
        learning_services.enrol(user=user, path=path)
        client.force_login(user)
        return path, user

    return enrol


@pytest.mark.parametrize(
    ("cmi", "fragment"),
    [
        ({"cmi.completion_status": "passed"}, "cmi.completion_status"),
        ({"cmi.success_status": "completed"}, "cmi.success_status"),
        ({"cmi.score.scaled": "1.5"}, "entre -1 et 1"),
        ({"cmi.location": "x" * 1001}, "1000"),
        ({"cmi.suspend_data": "x" * 64001}, "64000"),
        ({"cmi.exit": "quit"}, "cmi.exit"),
        ({"cmi.session_time": "01:00:00"}, "ISO 8601"),
        ({"cmi.core.lesson_status": "passed"}, "SCORM 2004"),
        ({"adl.nav.request": "jump anywhere"}, "navigation"),
    ],
)
def test_views_package_commit_invalid_scorm2004_elements(enrolled, client, cmi, fragment):
    path, _user = enrolled(stored(SCORM2004))
    page = ScormActivityPage.objects.descendant_of(path).get()
    data = assert_refused(post(client, page, body() | {"cmi": cmi}))
    assert fragment in data["message"]


def test_views_package_commit_scorm2004_valid(enrolled, client):
    path, _user = enrolled(stored(SCORM2004))
    page = ScormActivityPage.objects.descendant_of(path).get()
    cmi = {
        "cmi.completion_status": "completed",
        "cmi.success_status": "passed",
        "cmi.score.scaled": "0.85",
        "cmi.session_time": "PT1H2M3.5S",
        "cmi.location": "page-16",
        "cmi.suspend_data": "x" * 64000,
        "adl.nav.request": "{target=item_2}choice",
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.timestamp": "2026-12-03T16:00:00.5Z",
    }
    response = post(client, page, body() | {"cmi": cmi})
    assert response.status_code == 200, response.content
    assert response.json()["score"] == 85


def test_views_package_commit_h5p(enrolled, client):
    path, user = enrolled(stored(H5P_TRUEFALSE))
    page = H5PActivityPage.objects.descendant_of(path).get()
    payload = {
        "sco": "",
        "sequence": 1,
        "attempt": str(uuid.uuid4()),
        "state": '{"answer":1}',
        "result": {
            "completion": True,
            "success": True,
            "score": {"scaled": 1, "raw": 1, "min": 0, "max": 1},
        },
    }
    response = post(client, page, payload)
    assert response.json() == {
        "saved": True,
        "applied": True,
        "completed": True,
        "passed": True,
        "score": 100,
    }
    assert PackageAttempt.objects.get(user=user).cmi["state"] == '{"answer":1}'


@pytest.mark.parametrize(
    "extra",
    [
        {"state": 12},
        {"state": "x" * 64001},
        {"result": {"completion": "yes"}},
        {"result": {"completion": True, "score": {"scaled": 2}}},
        {"result": {"completion": True, "score": {"raw": 5, "min": 0, "max": 1}}},
        {"result": {"completion": True, "extra": 1}},
        {"result": [1]},
    ],
)
def test_views_package_commit_h5p_invalid(enrolled, client, extra):
    path, _user = enrolled(stored(H5P_TRUEFALSE))
    page = H5PActivityPage.objects.descendant_of(path).get()
    payload = {"sco": "", "sequence": 1, "attempt": str(uuid.uuid4()), **extra}
    assert_refused(post(client, page, payload))


def test_views_package_commit_multi_sco_unknown_and_known(enrolled, client):
    path, _user = enrolled(stored(SCORM12_MULTI))
    page = ScormActivityPage.objects.descendant_of(path).get()
    assert post(client, page, body(sco="playing_item")).status_code == 404  # a heading
    assert post(client, page, body(sco="playing_par_item")).status_code == 200


# What scorm-again 3.4.3 renders with `renderCommitCMI(true, true)` (flattened), as captured
# from the vendored runtime after a few SetValue calls.
SCORM_AGAIN_12 = {
    "cmi.suspend_data": "",
    "cmi.launch_data": "",
    "cmi.comments": "",
    "cmi.comments_from_lms": "",
    "cmi.core.student_id": "",
    "cmi.core.student_name": "",
    "cmi.core.lesson_location": "",
    "cmi.core.credit": "",
    "cmi.core.lesson_status": "incomplete",
    "cmi.core.entry": "",
    "cmi.core.lesson_mode": "normal",
    "cmi.core.exit": "suspend",
    "cmi.core.session_time": "00:01:30",
    "cmi.core.score.raw": "80",
    "cmi.core.score.min": "",
    "cmi.core.score.max": "100",
    "cmi.core.total_time": "00:01:30",
    "cmi.objectives.0.id": "o1",
    "cmi.objectives.0.status": "",
    "cmi.objectives.0.score.raw": "",
    "cmi.objectives.0.score.min": "",
    "cmi.objectives.0.score.max": "100",
    "cmi.student_data.mastery_score": "",
    "cmi.student_data.max_time_allowed": "",
    "cmi.student_data.time_limit_action": "",
    "cmi.student_preference.audio": "",
    "cmi.student_preference.language": "",
    "cmi.student_preference.speed": "",
    "cmi.student_preference.text": "",
    "cmi.interactions.0.id": "q1",
    "cmi.interactions.0.time": "",
    "cmi.interactions.0.type": "choice",
    "cmi.interactions.0.weighting": "",
    "cmi.interactions.0.student_response": "a",
    "cmi.interactions.0.result": "",
    "cmi.interactions.0.latency": "",
    "cmi.interactions.0.objectives": {},
    "cmi.interactions.0.correct_responses": {},
}
SCORM_AGAIN_2004 = {
    "cmi.comments_from_learner.0.comment": "hi",
    "cmi.comments_from_learner.0.location": "",
    "cmi.comments_from_learner.0.timestamp": "",
    "cmi.comments_from_lms": {},
    "cmi.completion_status": "completed",
    "cmi.completion_threshold": "",
    "cmi.credit": "credit",
    "cmi.entry": "",
    "cmi.exit": "suspend",
    "cmi.interactions.0.id": "q1",
    "cmi.interactions.0.type": "choice",
    "cmi.interactions.0.objectives": {},
    "cmi.interactions.0.timestamp": "",
    "cmi.interactions.0.weighting": "",
    "cmi.interactions.0.learner_response": "a",
    "cmi.interactions.0.result": "",
    "cmi.interactions.0.latency": "",
    "cmi.interactions.0.description": "",
    "cmi.interactions.0.correct_responses": {},
    "cmi.launch_data": "",
    "cmi.learner_id": "",
    "cmi.learner_name": "",
    "cmi.learner_preference.audio_level": "1",
    "cmi.learner_preference.language": "",
    "cmi.learner_preference.delivery_speed": "1",
    "cmi.learner_preference.audio_captioning": "0",
    "cmi.location": "",
    "cmi.max_time_allowed": "",
    "cmi.mode": "normal",
    "cmi.objectives.0.id": "o1",
    "cmi.objectives.0.success_status": "unknown",
    "cmi.objectives.0.completion_status": "unknown",
    "cmi.objectives.0.progress_measure": "",
    "cmi.objectives.0.description": "",
    "cmi.objectives.0.score.scaled": "",
    "cmi.objectives.0.score.raw": "",
    "cmi.objectives.0.score.min": "",
    "cmi.objectives.0.score.max": "",
    "cmi.progress_measure": "",
    "cmi.scaled_passing_score": "",
    "cmi.score.scaled": "0.8",
    "cmi.score.raw": "80",
    "cmi.score.min": "",
    "cmi.score.max": "",
    "cmi.session_time": "PT1M30S",
    "cmi.success_status": "passed",
    "cmi.suspend_data": "",
    "cmi.time_limit_action": "continue,no message",
    "cmi.total_time": "PT1M30S",
}


def test_views_package_commit_scorm_again_rendering_12(scorm12, agent, client):
    """The SCORM 1.2 runtime's full rendering is accepted; identity elements are not stored."""
    response = post(client, scorm12[1], body() | {"cmi": SCORM_AGAIN_12})
    assert response.status_code == 200, response.content
    attempt = PackageAttempt.objects.get()
    assert attempt.cmi["cmi.core.exit"] == "suspend"
    assert attempt.cmi["cmi.interactions.0.student_response"] == "a"
    assert "cmi.core.student_name" not in attempt.cmi
    assert attempt.completion_status == "incomplete" and attempt.score_percent == 80


def test_views_package_commit_scorm_again_rendering_2004(enrolled, client):
    path, _user = enrolled(stored(SCORM2004))
    page = ScormActivityPage.objects.descendant_of(path).get()
    response = post(client, page, body() | {"cmi": SCORM_AGAIN_2004})
    assert response.status_code == 200, response.content
    assert response.json()["completed"] is True and response.json()["score"] == 80


def test_views_package_commit_malformed_multipart(scorm12, agent, client):
    """A broken multipart body (what a tampered beacon could send) is a 400 JSON."""
    response = client.post(
        url(scorm12[1]),
        b"--x\r\nContent-Disposition: form-data; name=payload\r\n\r\n{}",
        content_type="multipart/form-data; boundary=",
    )
    assert_refused(response)


def test_views_package_commit_too_many_fields(scorm12, agent, client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post(url(scorm12[1]), {f"f{i}": "1" for i in range(10)})
    assert_refused(response)


@pytest.fixture
def h5p_page(client):
    path = package_path(stored(H5P_TRUEFALSE))
    user = UserFactory()
    learning_services.enrol(user=user, path=path)
    client.force_login(user)
    return H5PActivityPage.objects.descendant_of(path).get()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    payload=st.fixed_dictionaries(
        {"sco": st.just(""), "sequence": st.integers(1, 10**6), "attempt": st.uuids().map(str)},
        optional={"state": json_values, "result": json_values},
    )
)
def test_views_package_commit_h5p_fuzzed_never_500(h5p_page, client, payload):
    """Any H5P body gets 200 or a 400 JSON in French."""
    response = post(client, h5p_page, payload)
    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert_refused(response)


def test_views_package_commit_stored_data_bounded(scorm12, agent, client, monkeypatch):
    """Commits merge into the stored data; beyond its bound, a 400 and the state is kept."""
    from learners.learning.packages import services as package_services

    monkeypatch.setattr(package_services, "MAX_STORED_ELEMENTS", 3)
    page, key = scorm12[1], uuid.uuid4()
    cmi = {"cmi.interactions.0.id": "a", "cmi.interactions.1.id": "b"}
    assert post(client, page, body(attempt=key, sequence=1) | {"cmi": cmi}).status_code == 200
    more = {"cmi.interactions.2.id": "c", "cmi.interactions.3.id": "d"}
    assert_refused(
        post(client, page, body(attempt=key, sequence=2) | {"cmi": more}), "too_many_elements"
    )
    assert PackageAttempt.objects.get().cmi == cmi
