"""50 agents registering at the same moment for a 10-seat session (threads, one database
connection each, released together by a barrier), against registrations that nobody contends.

Correct means: exactly `SEATS` confirmed, the others on the waitlist in distinct positions, no
error. The sessions created are deleted afterwards, with their registrations, and the
enrolments' figures restored.
"""

import datetime
import os
import statistics
import sys
import threading
import time

from django.db import connection
from django.utils import timezone

from bench.harness import Result, count_queries
from courses.models import CoursePage, TrainingSession
from learners.learning.models import Enrolment
from learners.sessions import selectors, services
from learners.sessions.models import SessionRegistration

SEATS = 10
AGENTS = 50
ENROLMENT_FIELDS = ["status", "started_at", "last_activity_at", "progress_percent"]
Status = SessionRegistration.Status


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _module(ctx) -> CoursePage:
    return (
        CoursePage.objects.child_of(ctx.session_path)
        .filter(live=True, format__in=["classe_virtuelle", "presentiel", "hybride"])
        .first()
    )


def _session(module, capacity: int) -> TrainingSession:
    start = timezone.now() + datetime.timedelta(days=45)
    return TrainingSession.objects.create(
        course=module,
        start=start,
        end=start + datetime.timedelta(hours=3),
        visio_url="https://webinaire.numerique.gouv.fr/banc-essai",
        capacity=capacity,
    )


def _agents(ctx, module, count: int):
    """Agents enrolled in the path who hold no seat in another session of the module."""
    holding = SessionRegistration.objects.current().filter(
        session__course=module, session__end__gt=timezone.now()
    )
    enrolments = (
        Enrolment.objects.filter(path=ctx.session_path)
        .active()
        .exclude(user__in=holding.values("user"))
        .select_related("user")
        .order_by("pk")[:count]
    )
    users = [enrolment.user for enrolment in enrolments]
    if len(users) < count:
        raise RuntimeError(f"Only {len(users)} agents can register; {count} needed.")
    return users


def _register(user, session) -> float:
    started = time.perf_counter()
    services.register_for_session(user=user, session=session)
    return (time.perf_counter() - started) * 1000


def concurrently(pairs, concurrent: bool = True) -> tuple[list[float], list[str]]:
    """Register every (user, session) pair at the same moment, each in a thread of its own with
    its own database connection; without `concurrent`, one after another (the tests: their data
    lives in an open transaction that other connections cannot see).

    Threads, not processes: a process forked for the occasion spends its first tens of
    milliseconds copying the memory it touches, which says nothing of registrations.
    """
    if not concurrent:
        return [_register(user, session) for user, session in pairs], []
    barrier = threading.Barrier(len(pairs))
    latencies, errors = [], []

    def worker(user, session):
        try:
            # Connected before the start, as an application server's worker is (CONN_MAX_AGE).
            connection.ensure_connection()
            barrier.wait()
            latencies.append(_register(user, session))
        except Exception as error:  # noqa: BLE001 - reported as a failed check
            errors.append(repr(error))
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=pair) for pair in pairs]
    # A thread back from the database waits for the interpreter lock up to the switch interval
    # (5 ms): with 50 threads and a dozen queries each, that convoy, not the registrations,
    # would set the latencies. Shorter slices make the threads behave more like processes.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    try:
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    return latencies, errors


def _correct(session, count: int) -> bool:
    registrations = list(SessionRegistration.objects.filter(session=session))
    confirmed = [r for r in registrations if r.status == Status.CONFIRMED]
    waiting = [r for r in registrations if r.status == Status.WAITLISTED]
    selectors.waitlist_positions(waiting)
    positions = sorted(r.waitlist_position for r in waiting)
    return (
        len(registrations) == count
        and len(confirmed) == min(SEATS, count)
        and positions == list(range(1, count - len(confirmed) + 1))
    )


def run(ctx, *, concurrent: bool = True) -> list[Result]:
    agents = 5 if ctx.settings.quick else AGENTS
    module = _module(ctx)
    users = _agents(ctx, module, agents)
    snapshot = list(Enrolment.objects.filter(path=ctx.session_path, user__in=users))
    created: list[TrainingSession] = []

    def new_session() -> TrainingSession:
        created.append(_session(module, SEATS))
        return created[-1]

    def reset() -> None:
        """Every phase starts from the same state: no registration, enrolments as they were."""
        SessionRegistration.objects.filter(session__in=created).delete()
        Enrolment.objects.bulk_update(snapshot, ENROLMENT_FIELDS)

    contended, alone, spread, errors, correct = [], [], [], [], True
    try:
        for _round in range(ctx.settings.rounds):
            # Uncontended: one registration at a time, each on a session of its own.
            alone.append(statistics.median(_register(user, new_session()) for user in users))
            reset()
            # Same concurrency, no contention: every agent on a session of their own.
            latencies, failures = concurrently(
                [(user, new_session()) for user in users], concurrent
            )
            spread.append(percentile(latencies, 0.95))
            errors += failures
            reset()
            # Contended: everyone for the same 10 seats.
            session = new_session()
            latencies, failures = concurrently([(user, session) for user in users], concurrent)
            contended.append(percentile(latencies, 0.95))
            errors += failures
            correct = correct and _correct(session, len(users))
            reset()
        # Queries of a registration for a confirmed seat, then for a place on the waitlist,
        # by agents who have started the path (the first registration also starts it).
        started = {e.user_id for e in snapshot if e.status != Enrolment.Status.ENROLLED}
        measured = [user for user in users if user.pk in started][:2]
        others = [user for user in users if user not in measured]
        queries = []
        for taken, user in zip((0, SEATS), measured, strict=False):
            session = new_session()
            for other in others[:taken]:
                services.register_for_session(user=other, session=session)
            queries.append(count_queries(lambda u=user, s=session: _register(u, s)))
            reset()
    finally:
        reset()
        TrainingSession.objects.filter(pk__in=[session.pk for session in created]).delete()
    checks = {"100 % correct (seats, waitlist order, no error)": correct and not errors}
    notes = [f"error: {error!r}" for error in errors[:3]]
    measured = {
        "unit": "ms",
        "campus": contended,
        "goal": 3.0,
        "queries": tuple(queries),
        "sizes": ("1st registration", f"{SEATS + 1}th (waitlist)"),
        "checks": checks,
    }
    return [
        Result(
            key="registrations",
            title=(
                f"{agents} concurrent registrations for a {SEATS}-seat session: p95 latency vs "
                "one registration alone"
            ),
            baseline=alone,
            notes=[
                f"{agents} threads of one Python process ({os.cpu_count()} cores, one "
                "interpreter lock): their work alone makes the last ones wait for the "
                f"{agents - 1} others; the next line isolates the cost of the contention.",
                *notes,
            ],
            **measured,
        ),
        Result(
            key="registrations_contention",
            title=(
                f"The same, vs {agents} concurrent registrations for {agents} different "
                "sessions (p95, contention only)"
            ),
            baseline=spread,
            notes=notes,
            **measured,
        ),
    ]
