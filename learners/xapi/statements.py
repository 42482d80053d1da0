"""xAPI 1.0.3 statements, one builder per kind of learning event.

Builders are pure functions of the database rows (and the path's outline), so that the statement
recorded with the event and the one rebuilt later by `resend_xapi_statements` are the same, with
the same id: UUID5 of the event (`statement_id`: its row's id and time, so that a row id
reused by the database names another event), which makes any resend harmless.

- Actor: pseudonymous by default, an `account` on the campus's address whose name is an HMAC of
  the user id (`XAPI_ACTOR_FORMAT=account`); `mbox_sha1sum` of the e-mail otherwise. Never the
  e-mail itself, never the database id.
- Objects: stable IRIs of our pages, by page id (`<SITE_URL>/xapi/activities/page/<id>`): a
  renamed or moved page keeps its IRI. Sessions and quiz questions have their own IRIs.
- Context: the module (`contextActivities.parent`), the path (`grouping`), the platform, the
  language, and a registration UUID per enrolment (derived from the agent and the path).
- Verbs and activity types from the ADL vocabulary; ADL has no verb for a credential, so a
  certificate is "earned" (`http://id.tincanapi.com/verb/earned`, in the xAPI registry) as a
  badge (it is an Open Badges credential too), its object id being its public verification URL.
"""

import datetime
import hashlib
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.utils.crypto import salted_hmac

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
VERSION = "1.0.3"
LANGUAGE = "fr-FR"

VERBS = {
    "registered": ADL_VERBS + "registered",
    "launched": ADL_VERBS + "launched",
    "completed": ADL_VERBS + "completed",
    "answered": ADL_VERBS + "answered",
    "passed": ADL_VERBS + "passed",
    "failed": ADL_VERBS + "failed",
    "attended": ADL_VERBS + "attended",
    "voided": ADL_VERBS + "voided",
    "earned": "http://id.tincanapi.com/verb/earned",
}
VERB_DISPLAY = {
    "registered": ("s’est inscrit à", "registered"),
    "launched": ("a ouvert", "launched"),
    "completed": ("a terminé", "completed"),
    "answered": ("a répondu à", "answered"),
    "passed": ("a réussi", "passed"),
    "failed": ("a échoué à", "failed"),
    "attended": ("a participé à", "attended"),
    "voided": ("a annulé", "voided"),
    "earned": ("a obtenu", "earned"),
}
# The outline's activity kinds (courses.models.outline) and our other objects.
ACTIVITY_TYPES = {
    "path": ADL_ACTIVITIES + "course",
    "module": ADL_ACTIVITIES + "module",
    "lesson": ADL_ACTIVITIES + "lesson",
    "quiz": ADL_ACTIVITIES + "assessment",
    "scorm": ADL_ACTIVITIES + "lesson",  # a SCORM package: one or more SCOs, a lesson
    "h5p": ADL_ACTIVITIES + "interaction",  # an H5P content: an interactive exercise
    "session": ADL_ACTIVITIES + "module",  # completing a session module
    "meeting": ADL_ACTIVITIES + "meeting",  # one session of a module
    "question": ADL_ACTIVITIES + "cmi.interaction",
    "certificate": "http://id.tincanapi.com/activitytype/badge",
}
VERIFICATION_URL_EXTENSION = "/xapi/extensions/verification-url"


def _namespace() -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, settings.SITE_URL + "/xapi")


def statement_id(*event: object) -> str:
    """The statement's id: UUID5 of the event's key (same event, same id)."""
    return str(uuid.uuid5(_namespace(), ":".join(str(part) for part in event)))


def page_iri(page_id: int) -> str:
    return f"{settings.SITE_URL}/xapi/activities/page/{page_id}"


def session_iri(session_id: int) -> str:
    return f"{settings.SITE_URL}/xapi/activities/session/{session_id}"


def question_iri(quiz_id: int, question_id: int) -> str:
    return f"{page_iri(quiz_id)}/question/{question_id}"


def agent_name(user_id: int) -> str:
    """The agent's stable opaque id: an HMAC of the user id keyed by the SECRET_KEY."""
    return salted_hmac("campus.xapi.actor", str(user_id), algorithm="sha256").hexdigest()[:32]


def actor(user) -> dict:
    if settings.XAPI_ACTOR_FORMAT == "mbox_sha1sum":
        digest = hashlib.sha1(f"mailto:{user.email.lower()}".encode()).hexdigest()  # noqa: S324
        return {"objectType": "Agent", "mbox_sha1sum": digest}
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": agent_name(user.pk)},
    }


def registration(user_id: int, path_id: int) -> str:
    """The registration UUID of the agent's enrolment in the path (one enrolment per pair)."""
    secret = salted_hmac("campus.xapi.registration", f"{user_id}:{path_id}").hexdigest()
    return str(uuid.uuid5(_namespace(), f"registration:{secret}"))


def timestamp(moment: datetime.datetime) -> str:
    utc = moment.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def activity(iri: str, kind: str, title: str = "", **definition) -> dict:
    definition = {"type": ACTIVITY_TYPES[kind], **definition}
    if title:
        definition["name"] = {LANGUAGE: title}
    return {"objectType": "Activity", "id": iri, "definition": definition}


def context(
    *,
    user_id: int,
    path_id: int,
    parent: dict | None = None,
    in_path: bool = True,
) -> dict:
    activities = {}
    if parent is not None:
        activities["parent"] = [parent]
    if in_path:
        activities["grouping"] = [activity(page_iri(path_id), "path")]
    built = {
        "registration": registration(user_id, path_id),
        "platform": settings.CAMPUS_BRAND["SERVICE_NAME"],
        "language": LANGUAGE,
    }
    if activities:
        built["contextActivities"] = activities
    return built


def statement(
    *,
    event: Iterable[object],
    user,
    verb: str,
    obj: dict,
    at: datetime.datetime,
    context: dict | None = None,
    result: dict | None = None,
) -> dict:
    french, english = VERB_DISPLAY[verb]
    built = {
        "id": statement_id(*event),
        "actor": actor(user),
        "verb": {"id": VERBS[verb], "display": {LANGUAGE: french, "en-US": english}},
        "object": obj,
        "timestamp": timestamp(at),
        "version": VERSION,
    }
    if result is not None:
        built["result"] = result
    if context is not None:
        built["context"] = context
    return built


def _duration(seconds: int | None) -> dict:
    return {} if seconds is None else {"duration": f"PT{seconds}S"}


# The kinds -------------------------------------------------------------------------------------


def registered_in_path(enrolment) -> dict:
    """The agent enrolled (or enrolled again) in a path."""
    return statement(
        event=("enrolment", enrolment.pk, "registered", timestamp(enrolment.enrolled_at)),
        user=enrolment.user,
        verb="registered",
        obj=activity(page_iri(enrolment.path_id), "path"),
        at=enrolment.enrolled_at,
        context=context(user_id=enrolment.user_id, path_id=enrolment.path_id, in_path=False),
    )


def completed_path(enrolment) -> dict:
    """Every required activity of the path is done (one per certification cycle)."""
    return statement(
        event=("enrolment", enrolment.pk, "completed", timestamp(enrolment.completed_at)),
        user=enrolment.user,
        verb="completed",
        obj=activity(page_iri(enrolment.path_id), "path"),
        at=enrolment.completed_at,
        context=context(user_id=enrolment.user_id, path_id=enrolment.path_id, in_path=False),
        result={"completion": True},
    )


def _entry_context(user_id: int, path_id: int, entry) -> dict:
    module = activity(page_iri(entry.module_id), "module")
    parent = None if entry.kind == "session" else module
    return context(user_id=user_id, path_id=path_id, parent=parent)


def launched_activity(*, user, entry, path_id: int, at: datetime.datetime) -> dict:
    """The agent opened a lesson, a quiz or a SCORM or H5P activity (`entry`: its
    `OutlineActivity`)."""
    return statement(
        event=("launched", user.pk, entry.id, timestamp(at)),
        user=user,
        verb="launched",
        obj=activity(page_iri(entry.id), entry.kind, entry.title),
        at=at,
        context=_entry_context(user.pk, path_id, entry),
    )


def completed_activity(completion, entry) -> dict:
    """A lesson read, a quiz passed, a SCORM or H5P activity completed, or a session module
    attended, as progress counts it."""
    return statement(
        event=("completion", completion.pk, timestamp(completion.completed_at)),
        user=completion.user,
        verb="completed",
        obj=activity(page_iri(entry.id), entry.kind, entry.title),
        at=completion.completed_at,
        context=_entry_context(completion.user_id, completion.path_id, entry),
        result={"completion": True, **_duration_minutes(completion.duration_minutes)},
    )


def _duration_minutes(minutes: int) -> dict:
    return {"duration": f"PT{minutes}M"} if minutes else {}


def _pattern(choice_ids: Iterable[int]) -> str:
    return "[,]".join(str(pk) for pk in sorted(choice_ids))


def answered_question(attempt, *, question_id: int, rules, path_id: int) -> dict:
    """One question of a submitted quiz: the choices given, and whether they were right.

    `rules` is the question's `QuestionRules` (kind, choices, correct choices).
    """
    chosen = attempt.answers.get(str(question_id), [])
    question = activity(
        question_iri(attempt.quiz_id, question_id),
        "question",
        interactionType="choice",
        correctResponsesPattern=[_pattern(rules.correct_ids)],
        choices=[
            {"id": str(pk), "description": {LANGUAGE: str(pk)}} for pk in sorted(rules.choice_ids)
        ],
    )
    return statement(
        event=("attempt", attempt.pk, timestamp(attempt.submitted_at), "question", question_id),
        user=attempt.user,
        verb="answered",
        obj=question,
        at=attempt.submitted_at,
        context=context(
            user_id=attempt.user_id,
            path_id=path_id,
            parent=activity(page_iri(attempt.quiz_id), "quiz"),
        ),
        result={
            "response": _pattern(chosen),
            "success": frozenset(chosen) == rules.correct_ids,
        },
    )


def scored_quiz(attempt, *, entry, path_id: int) -> dict:
    """A submitted quiz: passed or failed, with its scaled score."""
    verb = "passed" if attempt.passed else "failed"
    return statement(
        event=("attempt", attempt.pk, timestamp(attempt.submitted_at), verb),
        user=attempt.user,
        verb=verb,
        obj=activity(page_iri(attempt.quiz_id), "quiz", entry.title if entry else ""),
        at=attempt.submitted_at,
        context=_entry_context(attempt.user_id, path_id, entry)
        if entry
        else context(user_id=attempt.user_id, path_id=path_id),
        result={
            "score": {
                "scaled": round(attempt.score / 100, 4),
                "raw": attempt.correct_count,
                "min": 0,
                "max": attempt.question_count,
            },
            "success": attempt.passed,
            "completion": True,
            **_duration(attempt.duration_seconds),
        },
    )


def _session_object(session) -> dict:
    title = f"{session.course.title} — {timestamp(session.start)[:10]}"
    return activity(session_iri(session.pk), "meeting", title)


def registered_for_session(registration_row, *, path_id: int) -> dict:
    """The agent holds a seat in a session (registered, or promoted from the waitlist)."""
    session = registration_row.session
    return statement(
        event=("registration", registration_row.pk, timestamp(registration_row.registered_at)),
        user=registration_row.user,
        verb="registered",
        obj=_session_object(session),
        at=registration_row.promoted_at or registration_row.registered_at,
        context=context(
            user_id=registration_row.user_id,
            path_id=path_id,
            parent=activity(page_iri(session.course_id), "module"),
        ),
    )


def attended_session(registration_row, *, path_id: int) -> dict:
    """The trainer marked the agent present."""
    session = registration_row.session
    return statement(
        event=(
            "registration",
            registration_row.pk,
            "attended",
            timestamp(registration_row.attendance_marked_at),
        ),
        user=registration_row.user,
        verb="attended",
        obj=_session_object(session),
        at=registration_row.attendance_marked_at,
        context=context(
            user_id=registration_row.user_id,
            path_id=path_id,
            parent=activity(page_iri(session.course_id), "module"),
        ),
    )


def earned_certificate(certificate, *, verification_url: str) -> dict:
    """The agent's certificate for a path, with the address where anyone can verify it."""
    return statement(
        event=("certificate", certificate.pk, certificate.public_id),
        user=certificate.user,
        verb="earned",
        obj=activity(verification_url, "certificate", certificate.path_title),
        at=certificate.issued_at,
        context=context(
            user_id=certificate.user_id,
            path_id=certificate.path_id,
            parent=activity(page_iri(certificate.path_id), "path"),
            in_path=False,
        ),
        result={
            "completion": True,
            "extensions": {settings.SITE_URL + VERIFICATION_URL_EXTENSION: verification_url},
        },
    )


def voiding(sent: dict, *, at: datetime.datetime) -> dict:
    """The statement that voids `sent` (erasure of its agent, at `at`)."""
    return {
        "id": statement_id("voided", sent["id"]),
        "actor": sent["actor"],
        "verb": {
            "id": VERBS["voided"],
            "display": {LANGUAGE: VERB_DISPLAY["voided"][0], "en-US": "voided"},
        },
        "object": {"objectType": "StatementRef", "id": sent["id"]},
        "timestamp": timestamp(at),
        "version": VERSION,
    }
