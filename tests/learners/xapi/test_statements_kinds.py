"""Statements of every kind of learning event: their shape (a strict xAPI 1.0.3 schema), the
ADL vocabulary, stable ids and IRIs, and a pseudonymous actor. Unit tests: the LRS is a fake
(test_lrs_ralph.py sends them to a real one). Every test needs the database."""

import hashlib
import json

import pytest
from django.test import override_settings
from django.utils import timezone

from learners.learning.models import ActivityCompletion, Enrolment
from learners.xapi import rebuild, statements
from learners.xapi.models import StatementOutbox
from tests.learners.xapi.journeys import full_journey, page_titled
from tests.learners.xapi.schema import assert_valid_statement

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def verbs_of(found):
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in found]


@pytest.fixture
def journey(client, django_capture_on_commit_callbacks, fake_lrs, signing_key, administrator):
    user, path, certificate = full_journey(
        client, django_capture_on_commit_callbacks, attend_by=administrator
    )
    return user, path, certificate, fake_lrs.statements


def test_statements_kinds_every_event_is_sent_once(journey):
    """Enrolment, launch, answers, fail and pass, session, completions, certificate: each sent,
    each statement once."""
    user, path, certificate, sent = journey
    verbs = verbs_of(sent)
    assert {
        "registered",
        "launched",
        "answered",
        "failed",
        "passed",
        "attended",
        "completed",
        "earned",
    } <= set(verbs)
    assert verbs.count("answered") == 6  # three questions, two attempts
    assert len({s["id"] for s in sent}) == len(sent)
    assert not StatementOutbox.objects.unsent().exists()
    assert StatementOutbox.objects.count() == len(sent)


def test_statements_kinds_match_the_xapi_schema(journey):
    """Every statement matches the strict xAPI 1.0.3 schema of the tests."""
    for statement in journey[3]:
        assert_valid_statement(statement)


def test_statements_kinds_actor_is_pseudonymous(journey):
    """The actor is an account on the campus's address with an opaque name: no e-mail, no
    name, no database id anywhere in what is sent."""
    user, _path, _certificate, sent = journey
    text = json.dumps(sent, ensure_ascii=False)
    assert user.email not in text and "@" not in text and "mailto" not in text
    assert user.last_name not in text
    for statement in sent:
        account = statement["actor"]["account"]
        assert account == {"homePage": "http://testserver", "name": statements.agent_name(user.pk)}
        assert str(user.pk) != account["name"] and len(account["name"]) == 32


def test_statements_kinds_context_carries_module_path_and_registration(journey):
    """An activity's statement names its module (parent) and path (grouping); every statement
    of the agent in the path carries the same registration UUID."""
    user, path, _certificate, sent = journey
    lesson = page_titled(path, "Leçon 1")
    module = lesson.get_parent()
    completed = next(
        s
        for s in sent
        if s["verb"]["id"] == ADL + "completed" and s["object"]["id"].endswith(f"/{lesson.pk}")
    )
    assert completed["object"]["id"] == f"http://testserver/xapi/activities/page/{lesson.pk}"
    assert completed["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/lesson"
    )
    activities = completed["context"]["contextActivities"]
    assert activities["parent"][0]["id"] == statements.page_iri(module.pk)
    assert activities["grouping"][0]["id"] == statements.page_iri(path.pk)
    assert completed["context"]["platform"] == "Campus du numérique public"
    assert completed["context"]["language"] == "fr-FR"
    assert {s["context"]["registration"] for s in sent} == {
        statements.registration(user.pk, path.pk)
    }


def test_statements_kinds_quiz_results(journey):
    """Answers carry the response and whether it was right; the quiz its scaled score."""
    sent = journey[3]
    failed = next(s for s in sent if s["verb"]["id"] == ADL + "failed")
    passed = next(s for s in sent if s["verb"]["id"] == ADL + "passed")
    assert failed["result"]["score"] == {"scaled": 0.0, "raw": 0, "min": 0, "max": 3}
    assert failed["result"]["success"] is False
    assert passed["result"]["score"]["scaled"] == 1.0 and passed["result"]["success"] is True
    answers = [s for s in sent if s["verb"]["id"] == ADL + "answered"]
    assert {a["result"]["success"] for a in answers} == {True, False}
    for answer in answers:
        definition = answer["object"]["definition"]
        assert definition["interactionType"] == "choice"
        right = answer["result"]["response"] == definition["correctResponsesPattern"][0]
        assert answer["result"]["success"] is right
        assert answer["context"]["contextActivities"]["parent"][0]["definition"]["type"] == (
            "http://adlnet.gov/expapi/activities/assessment"
        )


def test_statements_kinds_certificate_carries_its_verification_url(journey):
    """The certificate is earned with the address where anyone verifies it."""
    _user, path, certificate, sent = journey
    earned = next(s for s in sent if s["verb"]["id"].endswith("/earned"))
    url = f"http://testserver/certificats/verifier/{certificate.public_id}/"
    assert earned["object"]["id"] == url
    assert earned["result"]["extensions"] == {
        "http://testserver/xapi/extensions/verification-url": url
    }
    path_iri = statements.page_iri(path.pk)
    completed_path = [
        s for s in sent if s["verb"]["id"] == ADL + "completed" and s["object"]["id"] == path_iri
    ]
    assert len(completed_path) == 1


def test_statements_kinds_rebuilt_from_the_database_are_the_same(journey):
    """`resend_xapi_statements` rebuilds the same statements, ids included (launch aside:
    only the last one is stored), even after the lesson was renamed and moved."""
    _user, path, _certificate, sent = journey
    lesson = page_titled(path, "Leçon 1")
    lesson.title = "Leçon renommée"
    lesson.save_revision().publish()
    start = timezone.now() - timezone.timedelta(days=3)
    rebuilt = {s["id"]: s for s in rebuild.statements_between(start, timezone.now())}
    originals = {s["id"]: s for s in sent if not s["verb"]["id"].endswith("/launched")}
    assert set(rebuilt) == set(originals)
    renamed = statements.page_iri(lesson.pk)
    for statement_id, original in originals.items():
        if original["object"].get("id") == renamed:
            # The IRI stays; only the name shown follows the page.
            assert rebuilt[statement_id]["object"]["id"] == renamed
        else:
            assert rebuilt[statement_id] == original


def test_statements_kinds_ids_are_stable_and_distinct():
    """The id of a statement is UUID5 of its event: same event, same id; another, another."""
    assert statements.statement_id("completion", 1) == statements.statement_id("completion", 1)
    assert statements.statement_id("completion", 1) != statements.statement_id("completion", 2)
    with override_settings(SITE_URL="https://campus.numerique.gouv.fr"):
        other_site = statements.statement_id("completion", 1)
    assert other_site != statements.statement_id("completion", 1)


def test_statements_kinds_actor_as_mbox_sha1sum(xapi_on, settings):
    """XAPI_ACTOR_FORMAT=mbox_sha1sum: the SHA-1 of the mailto IRI, never the address."""
    settings.XAPI_ACTOR_FORMAT = "mbox_sha1sum"

    class Agent:
        pk, email = 7, "Camille.Martin@campus.example"

    digest = hashlib.sha1(b"mailto:camille.martin@campus.example").hexdigest()  # noqa: S324
    assert statements.actor(Agent()) == {"objectType": "Agent", "mbox_sha1sum": digest}


def test_statements_kinds_nothing_recorded_when_off(client, django_capture_on_commit_callbacks):
    """XAPI_ENABLED is false by default: no statement is recorded."""
    from tests.learners.certification.fixtures import agent, do_activities, learning_path

    user, path = agent(), learning_path()
    with django_capture_on_commit_callbacks(execute=True):
        do_activities(user, path)
    assert Enrolment.objects.filter(user=user).exists()
    assert ActivityCompletion.objects.filter(user=user).exists()
    assert not StatementOutbox.objects.exists()
