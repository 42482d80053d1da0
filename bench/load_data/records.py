"""Rows that follow from the enrolment plan: campaigns and assignments, quiz attempts, session
registrations (attendance for the session activities completed) and certificates."""

import base64
import datetime
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count

from bench.load_data import bulk
from courses.models import QuizQuestion, TrainingPathPage, TrainingSession
from learners.accounts.models import OrgUnit
from learners.certification.models import CODE_ALPHABET, CODE_LENGTH, Certificate
from learners.learning.models import Enrolment, QuizAttempt
from learners.sessions.models import SessionRegistration as Registration
from learners.team.models import Assignment, Campaign

COMPLETED = Enrolment.Status.COMPLETED
IN_PROGRESS = Enrolment.Status.IN_PROGRESS


@dataclass
class PlannedCampaign:
    id: int
    title: str
    path: object  # catalogue.PathInfo
    unit_id: int
    created_by_id: int | None
    created_at: datetime.datetime
    due_date: datetime.date
    members: list[int]


def _subtree_ids(unit) -> list[int]:
    return [unit.id] + [uid for child in unit.children for uid in _subtree_ids(child)]


def plan_campaigns(rng, now, org, cat):
    """One campaign per direction, assigning a path to the agents of one of its
    sous-directions; returns (campaigns, [(user id, path info) assigned])."""
    agents_by_unit = defaultdict(list)
    for user_id, unit_id, active in org.agents:
        if active:
            agents_by_unit[unit_id].append(user_id)
    choices = cat.paths[2:] or cat.paths
    ids = iter(bulk.next_ids(Campaign, len(org.units)))
    campaigns, assigned = [], []
    for unit in org.units:
        if unit.kind != OrgUnit.Kind.DIRECTION:
            continue
        target = rng.choice(unit.children) if unit.children else unit
        info = rng.choice(choices)
        due = (now + datetime.timedelta(days=rng.randint(-60, 90))).date()
        created = min(now, now + datetime.timedelta(days=rng.randint(-150, -95)))
        manager = org.special["direction_manager"] if unit is org.bench_direction else None
        members = [uid for unit_id in _subtree_ids(target) for uid in agents_by_unit[unit_id]]
        if not members:
            continue
        campaigns.append(
            PlannedCampaign(
                id=next(ids),
                title=f"{info.title} — obligatoire ({target.name})",
                path=info,
                unit_id=target.id,
                created_by_id=manager,
                created_at=created,
                due_date=due,
                members=members,
            )
        )
        assigned += [(user_id, info) for user_id in members]
    return campaigns, assigned


def write_campaigns(campaigns) -> int:
    fields = ["id", "title", "path_id", "created_by_id", "created_at", "due_date", "message"]
    rows = (
        (c.id, c.title[:255], c.path.id, c.created_by_id, c.created_at, c.due_date, "")
        for c in campaigns
    )
    count = bulk.insert(
        Campaign, [*fields, "unit_id", "include_subunits"], _append(rows, campaigns)
    )
    bulk.reset_sequences(Campaign)
    return count


def _append(rows, campaigns):
    for row, campaign in zip(rows, campaigns, strict=True):
        yield (*row, campaign.unit_id, True)


def write_assignments(campaigns, planned) -> int:
    enrolment_ids = {(e.user_id, e.path.id): e.id for e in planned}
    ids = iter(bulk.next_ids(Assignment, sum(len(c.members) for c in campaigns)))
    rows = (
        (
            next(ids),
            c.id,
            user_id,
            enrolment_ids.get((user_id, c.path.id)),
            c.created_at,
            c.due_date,
        )
        for c in campaigns
        for user_id in c.members
    )
    fields = ["id", "campaign_id", "user_id", "enrolment_id", "assigned_at", "due_date"]
    count = bulk.insert(Assignment, fields, rows)
    bulk.reset_sequences(Assignment)
    return count


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def write_quiz_attempts(planned, rng) -> int:
    """A passed attempt for every quiz completed, after a failed one now and then."""
    questions = dict(
        QuizQuestion.objects.values("quiz_id").annotate(n=Count("pk")).values_list("quiz_id", "n")
    )
    first = bulk.next_ids(QuizAttempt, 1)[0]

    def rows():
        ids = iter(range(first, first + 10**9))
        for enrolment in planned:
            done = zip(enrolment.path.activities, enrolment.times or [], strict=False)
            for activity, at in done:
                if activity.kind != "quiz":
                    continue
                total = questions.get(activity.id, 4)
                tries = [False, True] if rng.random() < 0.15 else [True]
                for number, passed in enumerate(tries):
                    submitted = at - datetime.timedelta(hours=len(tries) - 1 - number)
                    correct = total if passed else max(0, total // 2 - 1)
                    yield (
                        *(next(ids), enrolment.user_id, activity.id, enrolment.id, {}),
                        *(correct * 100 // total, correct, total, passed),
                        *(submitted - datetime.timedelta(minutes=6), submitted, 360),
                        _uuid(rng),
                    )

    fields = [
        *("id", "user_id", "quiz_id", "enrolment_id", "answers", "score", "correct_count"),
        *("question_count", "passed", "started_at", "submitted_at", "duration_seconds"),
        "submission_key",
    ]
    count = bulk.insert(QuizAttempt, fields, rows())
    bulk.reset_sequences(QuizAttempt)
    return count


def write_registrations(planned, cat, rng, now) -> int:
    """Attendance at a past session for every session activity completed; seats in upcoming
    sessions for a third of the agents on their way there (a waitlist when full)."""
    rows, attendees, taken = [], Counter(), Counter()
    ids = iter(bulk.next_ids(Registration, 10**9))
    for enrolment in planned:
        info = enrolment.path
        if not info.session_module_id:
            continue
        session_index = next(
            i for i, a in enumerate(info.activities) if a.id == info.session_module_id
        )
        if enrolment.seat:  # a benchmark account's seat (`space`), in the first upcoming one
            session_id, capacity, _start = info.future_sessions[0]
            status = "confirmee" if taken[session_id] < capacity else "en_attente"
            taken[session_id] += 1
            registered = now - datetime.timedelta(days=2)
            rows.append((next(ids), enrolment.user_id, session_id, status, registered, None, None))
        elif enrolment.done > session_index and info.past_sessions:
            session_id, _capacity, start = rng.choice(info.past_sessions)
            registered = start - datetime.timedelta(days=rng.randint(3, 40))
            end = start + datetime.timedelta(hours=3)
            rows.append(
                (next(ids), enrolment.user_id, session_id, "confirmee", registered, True, end)
            )
            attendees[session_id] += 1
        elif enrolment.status == IN_PROGRESS and info.future_sessions and rng.random() < 0.3:
            session_id, capacity, _start = rng.choice(info.future_sessions)
            status = "confirmee" if taken[session_id] < capacity else "en_attente"
            if status == "en_attente" and taken[session_id] >= capacity + 5:
                continue
            taken[session_id] += 1
            registered = now - datetime.timedelta(days=rng.uniform(0.5, 30))
            rows.append((next(ids), enrolment.user_id, session_id, status, registered, None, None))
    fields = [
        *("id", "user_id", "session_id", "status", "created_at", "registered_at", "attended"),
        "attendance_marked_at",
    ]
    count = bulk.insert(
        Registration,
        fields,
        (
            (rid, uid, sid, status, at, at, attended, marked)
            for rid, uid, sid, status, at, attended, marked in rows
        ),
    )
    bulk.reset_sequences(Registration)
    # Past sessions hosted everyone who attended them.
    sessions = list(TrainingSession.objects.filter(pk__in=list(attendees)))
    for session in sessions:
        session.capacity = max(session.capacity, attendees[session.pk])
    TrainingSession.objects.bulk_update(sessions, ["capacity"], batch_size=1000)
    return count


def _code(rng, used: set) -> str:
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in used:
            used.add(code)
            return code


def write_certificates(planned, org, rng) -> int:
    """A certificate for every completed path (one in two hundred revoked)."""
    paths = {
        row[0]: row[1:]
        for row in TrainingPathPage.objects.values_list(
            "pk", "title", "certificate_validity_months"
        )
    }
    used: set[str] = set()
    ids = iter(bulk.next_ids(Certificate, 10**9))

    def rows():
        for enrolment in planned:
            if enrolment.status != COMPLETED:
                continue
            title, months = paths[enrolment.path.id]
            completed = enrolment.times[-1]
            issued = completed + datetime.timedelta(minutes=1)
            expires = issued + datetime.timedelta(days=30 * months) if months else None
            revoked = issued + datetime.timedelta(days=10) if rng.random() < 0.005 else None
            minutes = sum(a.duration_minutes for a in enrolment.path.activities)
            yield (
                next(ids),
                base64.urlsafe_b64encode(rng.getrandbits(128).to_bytes(16, "big")).decode()[:22],
                _code(rng, used),
                *(enrolment.user_id, enrolment.id, enrolment.path.id, completed),
                *(org.names[enrolment.user_id], title, minutes, issued, expires, revoked),
                *("Révocation de test" if revoked else "", "", ""),
                1,  # certification cycle
            )

    fields = [
        *("id", "public_id", "code", "user_id", "enrolment_id", "path_id"),
        *("enrolment_completed_at", "holder_name", "path_title", "duration_minutes"),
        *("issued_at", "expires_at", "revoked_at", "revocation_reason", "pdf", "credential_jwt"),
        "cycle",
    ]
    count = bulk.insert(Certificate, fields, rows())
    bulk.reset_sequences(Certificate)
    return count
