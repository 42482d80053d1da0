"""What the agents of the load campus did: enrolments, completions, quiz attempts, campaigns,
session registrations and certificates, consistent with each other.

Each enrolment is planned as "the first `done` activities of the path's outline completed",
with a status that agrees (inscrit: none; en cours: some, a required one still missing;
terminé: all; abandonné: any number before the end). The plan is then adjusted so that the
completions add up to exactly `sizes.completions`, and the enrolments' stored figures
(`progress_percent`, `completed_minutes`, dates, last activity) are computed from it.
"""

import datetime
from dataclasses import dataclass

from django.db import connection

from bench.load_data import bulk, records, space
from learners.learning.models import ActivityCompletion, Enrolment

Status = Enrolment.Status
Origin = Enrolment.Origin

# Share of enrolments in each status (the plan then moves a few to hit the exact total).
STATUS_MIX = [
    (Status.ENROLLED, 0.20),
    (Status.IN_PROGRESS, 0.45),
    (Status.COMPLETED, 0.25),
    (Status.ABANDONED, 0.10),
]


@dataclass(slots=True)
class Planned:
    id: int
    user_id: int
    path: object  # catalogue.PathInfo
    status: str
    origin: str
    done: int
    enrolled_at: datetime.datetime
    times: list | None = None  # completion times of the `done` activities
    fixed: bool = False  # a benchmark account's: `_adjust` leaves it as planned
    seat: bool = False  # a seat in an upcoming session of the path's session module

    def bounds(self) -> tuple[int, int]:
        """How many activities an enrolment of this status may have completed."""
        total = len(self.path.activities)
        return {
            Status.ENROLLED: (0, 0),
            Status.IN_PROGRESS: (1, total - 1),
            Status.COMPLETED: (total, total),
            Status.ABANDONED: (0, total - 1),
        }[self.status]


def _draw_status(rng) -> str:
    roll, cumulative = rng.random(), 0.0
    for status, share in STATUS_MIX:
        cumulative += share
        if roll < cumulative:
            return status
    return STATUS_MIX[-1][0]


def _draw_done(rng, status: str, total: int) -> int:
    if status == Status.COMPLETED:
        return total
    if status == Status.IN_PROGRESS:
        return rng.randint(1, total - 1)
    if status == Status.ABANDONED:
        return rng.randint(0, max(0, total // 2))
    return 0


def _expected_done(paths) -> float:
    """Average completions of one enrolment under STATUS_MIX (to size the plan)."""
    total = sum(len(info.activities) for info in paths) / len(paths)
    return 0.45 * total / 2 + 0.25 * total + 0.10 * total / 4


def plan(sizes, rng, now, org, cat, assigned) -> list[Planned]:
    """Enrolments of the campus: the campaigns' ones, the learner's, then self-enrolments of
    random agents in paths chosen by popularity, until the completions can add up."""
    paths = cat.paths
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(paths))]
    ids = iter(bulk.next_ids(Enrolment, 10**9))
    seen: set[tuple[int, int]] = set()
    planned: list[Planned] = []

    space_agent = org.special["space_agent"]

    def add(user_id, info, *, origin, status=None, done=None, fixed=False, seat=False):
        if (user_id, info.id) in seen or (user_id == space_agent and not fixed):
            return
        seen.add((user_id, info.id))
        status = status or _draw_status(rng)
        total = len(info.activities)
        done = _draw_done(rng, status, total) if done is None else done
        enrolled_at = now - datetime.timedelta(days=rng.uniform(5, 540))
        planned.append(
            Planned(next(ids), user_id, info, status, origin, done, enrolled_at, None, fixed, seat)
        )

    # The benchmarks' learner: half-way through the first path.
    learner_path = paths[0]
    add(
        org.special["learner"],
        learner_path,
        origin=Origin.SELF,
        status=Status.IN_PROGRESS,
        done=len(learner_path.activities) // 2,
        fixed=True,
    )
    # The Mon espace agent: exactly its planned enrolments (`space`), none drawn at random.
    space.plan(
        space_agent,
        paths,
        lambda user_id, info, **plan: add(user_id, info, origin=Origin.SELF, fixed=True, **plan),
    )
    for user_id, info in assigned:
        add(user_id, info, origin=Origin.ASSIGNED)
    target_enrolments = int(sizes.completions / _expected_done(paths))
    agents = [user_id for user_id, _unit, _active in org.agents]
    attempts = 0
    while len(planned) < target_enrolments and attempts < target_enrolments * 3:
        attempts += 1
        info = rng.choices(paths, weights)[0]
        add(rng.choice(agents), info, origin=Origin.SELF)
    _adjust(planned, sizes.completions, rng)
    for enrolment in planned:
        _timeline(enrolment, rng, now)
    return planned


def _adjust(planned: list[Planned], target: int, rng) -> None:
    """Move `done` (then statuses, if needed) until the completions total exactly `target`."""
    diff = target - sum(enrolment.done for enrolment in planned)
    order = [enrolment for enrolment in planned if not enrolment.fixed]  # benchmark accounts'
    rng.shuffle(order)
    for _ in range(3):
        for enrolment in order:
            if diff == 0:
                return
            low, high = enrolment.bounds()
            moved = max(low, min(high, enrolment.done + diff)) - enrolment.done
            enrolment.done += moved
            diff -= moved
        if diff == 0:
            return
        # Not enough room: widen it by changing some statuses.
        for enrolment in order:
            if diff > 0 and enrolment.status == Status.ENROLLED:
                enrolment.status = Status.IN_PROGRESS
                enrolment.done = 1
                diff -= 1
            elif diff < 0 and enrolment.status == Status.COMPLETED:
                enrolment.status = Status.IN_PROGRESS
                enrolment.done -= 1
                diff += 1
            if diff == 0:
                return
    if diff:
        raise ValueError(
            f"Cannot place {target} completions in {len(planned)} enrolments: add agents or paths."
        )


def _timeline(enrolment: Planned, rng, now) -> None:
    """Completion times, spread after the enrolment, in order."""
    if not enrolment.done:
        return
    start = enrolment.enrolled_at + datetime.timedelta(hours=rng.uniform(1, 240))
    start = min(start, now - datetime.timedelta(hours=enrolment.done + 1))
    room = (now - start).total_seconds() - 3600
    span = min(room, rng.uniform(0.2, 1.0) * room)
    step = span / enrolment.done
    enrolment.times = [
        start + datetime.timedelta(seconds=step * (index + rng.random()))
        for index in range(enrolment.done)
    ]


def _enrolment_row(enrolment: Planned, now, rng):
    info = enrolment.path
    done = info.activities[: enrolment.done]
    required_done = sum(1 for activity in done if activity.id in info.required_ids)
    percent = min(100, required_done * 100 // max(1, len(info.required_ids)))
    times = enrolment.times or []
    started = times[0] if times else None
    last = times[-1] if times else None
    completed_at = last if enrolment.status == Status.COMPLETED else None
    abandoned_at = None
    if enrolment.status == Status.ABANDONED:
        base = last or enrolment.enrolled_at
        abandoned_at = min(now, base + datetime.timedelta(days=rng.uniform(1, 30)))
    return (
        enrolment.id,
        enrolment.user_id,
        info.id,
        enrolment.status,
        enrolment.origin,
        enrolment.enrolled_at,
        started,
        completed_at,
        abandoned_at,
        last,
        done[-1].id if done else None,
        100 if enrolment.status == Status.COMPLETED else percent,
        sum(activity.duration_minutes for activity in done),
        1,  # certification cycle
        # The last change, what the API's `updated_since` reads (auto_now is bypassed by COPY).
        max(at for at in (enrolment.enrolled_at, started, completed_at, abandoned_at, last) if at),
    )


ENROLMENT_FIELDS = [
    *("id", "user_id", "path_id", "status", "origin", "enrolled_at", "started_at"),
    *("completed_at", "abandoned_at", "last_activity_at", "last_activity_id"),
    *("progress_percent", "completed_minutes", "certification_cycle", "updated_at"),
]


def _completion_rows(planned: list[Planned], first_id: int):
    ids = iter(range(first_id, first_id + 10**9))
    for enrolment in planned:
        info = enrolment.path
        for activity, at in zip(info.activities, enrolment.times or [], strict=False):
            yield (
                next(ids),
                enrolment.user_id,
                activity.id,
                info.id,
                activity.duration_minutes,
                at,
            )


def build(sizes, rng, now, org, cat) -> dict:
    """Write the activity of the campus; returns the counts written."""
    if bulk.is_postgresql():
        # Foreign keys checked row by row rather than millions of deferred checks at commit.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    campaigns, assigned = records.plan_campaigns(rng, now, org, cat)
    planned = plan(sizes, rng, now, org, cat, assigned)
    counts = {"campaigns": records.write_campaigns(campaigns)}
    counts["enrolments"] = bulk.insert(
        Enrolment, ENROLMENT_FIELDS, (_enrolment_row(e, now, rng) for e in planned)
    )
    for status, _share in STATUS_MIX:
        counts[f"enrolments_{status}"] = sum(1 for e in planned if e.status == status)
    counts["completions"] = bulk.insert(
        ActivityCompletion,
        ["id", "user_id", "activity_id", "path_id", "duration_minutes", "completed_at"],
        _completion_rows(planned, bulk.next_ids(ActivityCompletion, 1)[0]),
    )
    counts["assignments"] = records.write_assignments(campaigns, planned)
    counts["quiz_attempts"] = records.write_quiz_attempts(planned, rng)
    counts["session_registrations"] = records.write_registrations(planned, cat, rng, now)
    counts["certificates"] = records.write_certificates(planned, org, rng)
    bulk.reset_sequences(Enrolment, ActivityCompletion)
    return counts
