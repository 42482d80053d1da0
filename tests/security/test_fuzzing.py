"""Fuzzing (Hypothesis) of the main POST endpoints and forms with random and hostile input:
huge strings, control characters, NUL bytes, unicode, wrong types, missing fields, lists instead
of scalars, other users' ids. Never a 500 (the test client re-raises server errors), and never a
partial write: rows are counted before and after each refused request.

Each test draws at most MAX_EXAMPLES inputs (bounded, so the module stays under a minute). The
database is the module's `world` (tests/security/world.py); examples of one test share it.
"""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learners.accounts.models import OrgUnit, User
from learners.certification.models import Certificate
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.sessions.models import SessionRegistration
from learners.team.models import OrgImport

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 30
fuzz = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=False,
)

HOSTILE = [
    "",
    "\x00",
    "a\x00b",
    "\x1b[31m\r\n\t\x7f",
    "A" * 100_000,
    "é" * 5_000,
    "😀" * 2_000,
    "\u202e\u200b\ufeff",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "-1",
    "0",
    "99999999999999999999999",
    "1e9",
    "null",
    "[]",
    "{}",
    "true",
]
scalar = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300), st.integers().map(str))
value = st.one_of(scalar, st.lists(scalar, max_size=4))


def form_data(fields):
    """Some of the expected fields (missing ones too), plus random ones."""
    keys = st.one_of(st.sampled_from(fields), st.text(min_size=1, max_size=30))
    return st.dictionaries(keys, value, max_size=6)


def counts(*models):
    return [model.objects.count() for model in models]


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500, (url, response.status_code)
    return response


LEARNING_ROWS = (Enrolment, ActivityCompletion, QuizAttempt, SessionRegistration)


@fuzz
@given(data=form_data(["next", "csrfmiddlewaretoken"]), path_choice=st.integers(0, 2))
def test_fuzzing_enrol_never_fails(client, world, data, path_choice):
    """Enrolment form: hostile fields, a live path, another object's id, an unknown id."""
    client.force_login(world.org.d1)
    path_id = [world.path.pk, world.lesson.pk, 999_999][path_choice]
    before = counts(Enrolment)
    post(client, reverse("enrol_path", args=[path_id]), data)
    if path_choice:
        assert counts(Enrolment) == before


@fuzz
@given(data=form_data(["next"]), activity_choice=st.integers(0, 3))
def test_fuzzing_complete_lesson_never_fails(client, world, data, activity_choice):
    """Completing a lesson: hostile fields; a quiz, a path, an unknown id write nothing."""
    client.force_login(world.org.a1)
    activity_id = [world.lesson.pk, world.quiz.pk, world.path.pk, 999_999][activity_choice]
    before = counts(ActivityCompletion)
    post(client, reverse("complete_lesson", args=[activity_id]), data)
    if activity_choice:
        assert counts(ActivityCompletion) == before


@fuzz
@given(
    answers=st.dictionaries(
        st.one_of(st.sampled_from(["q"]), st.text(max_size=20)), value, max_size=4
    ),
    submission_key=scalar,
    as_other=st.booleans(),
)
def test_fuzzing_quiz_submit_never_fails(client, world, answers, submission_key, as_other):
    """Quiz answers: hostile choice ids, other questions' ids, hostile submission keys; an
    invalid submission records no attempt."""
    client.force_login(world.org.a1)
    questions = list(world.quiz.questions.values_list("pk", flat=True))
    data = {"submission_key": submission_key}
    for index, (key, choice) in enumerate(answers.items()):
        name = f"question-{questions[index % len(questions)]}" if key == "q" else key
        data[name] = choice
    if as_other:  # the other agent's attempt id, as if it were a choice
        data[f"question-{questions[0]}"] = str(world.other.attempt.pk)
    before = counts(QuizAttempt)
    response = post(client, reverse("submit_quiz", args=[world.quiz.pk]), data)
    after = counts(QuizAttempt)
    assert after[0] - before[0] in (0, 1)
    if response.status_code == 200:  # the form shown again with errors
        assert after == before


@fuzz
@given(data=form_data(["next"]), session_choice=st.integers(0, 2))
def test_fuzzing_session_registration_never_fails(client, world, data, session_choice):
    """Session registration: hostile fields, another object's id, an unknown id."""
    client.force_login(world.org.a1)
    session_id = [world.session.pk, world.other.registration.pk, 999_999][session_choice]
    before = counts(SessionRegistration)
    post(client, reverse("register_session", args=[session_id]), data)
    assert counts(SessionRegistration)[0] - before[0] in (0, 1)


@fuzz
@given(
    # NUL bytes are covered by test_fuzzing_org_import_nul_bytes_refused.
    content=st.one_of(
        st.binary(max_size=2_000),
        st.text(max_size=2_000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"\xff\xfe" + "nom;code".encode("utf-16-le"), b"\xef\xbb\xbf;;;\n"]),
    ).filter(lambda content: b"\x00" not in content),
    name=st.sampled_from(["orga.csv", "orga.txt", "orga.exe", "\x00.csv", "a" * 300 + ".csv"]),
    import_id=st.one_of(st.none(), scalar),
)
def test_fuzzing_org_import_upload_never_fails(client, world, content, name, import_id):
    """Organisation import: random bytes and names; nothing is applied from an upload, and a
    hostile `import_id` applies nothing."""
    client.force_login(world.org.admin)
    upload = io.BytesIO(content)
    upload.name = name
    data = {"file": upload}
    if import_id is not None:
        data["import_id"] = import_id
    before = counts(OrgUnit, User)
    post(client, reverse("team_import"), data)
    assert counts(OrgUnit, User) == before
    assert OrgImport.objects.filter(applied=True).count() == 0


@fuzz
@given(code=value, method=st.sampled_from(["get", "post"]))
def test_fuzzing_certificate_verification_never_fails(client, world, code, method):
    """Verification by code (GET and POST): hostile codes never fail nor change a certificate."""
    cache.clear()  # the rate limit would answer 429 to every later example
    before = list(Certificate.objects.values_list("pk", "revoked_at", "holder_name"))
    response = getattr(client, method)(reverse("certificate_verify"), {"code": code})
    assert response.status_code < 500
    assert list(Certificate.objects.values_list("pk", "revoked_at", "holder_name")) == before


@fuzz
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "email": st.one_of(scalar, st.emails().map(str)),
            "password1": scalar,
            "password2": scalar,
            "first_name": value,
            "last_name": value,
        },
    )
)
def test_fuzzing_signup_never_fails(client, world, data):
    """Sign-up: hostile fields create no account unless the form is valid (redirect)."""
    cache.clear()  # allauth's rate limits
    before = counts(User)
    response = post(client, reverse("account_signup"), data)
    if response.status_code != 302:
        assert counts(User) == before


def test_fuzzing_org_import_nul_bytes_refused(client, world):
    """An uploaded CSV with NUL bytes is refused with a message, never a 500."""
    client.force_login(world.org.admin)
    upload = io.BytesIO(b"matricule;nom\x00;prenom\n1;a;b\n")
    upload.name = "orga.csv"
    before = counts(OrgUnit, User)
    post(client, reverse("team_import"), {"file": upload})
    assert counts(OrgUnit, User) == before
