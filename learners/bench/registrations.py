"""50 agents registering at the same moment for a 10-seat session (threads, one database
connection each, released together by a barrier), against registrations that nobody contends.

Correct means: exactly `SEATS` confirmed, the others on the waitlist in distinct positions, no
error. The sessions created are deleted afterwards, with their registrations, and the
enrolments' figures restored.
"""

import datetime
import statistics
import threading
import time

from django.db import connection
from django.utils import timezone

from courses.models import CoursePage, TrainingSession

from .. import selectors, services
from ..models import Enrolment, SessionRegistration
from .harness import Result, count_queries

SEATS = 10
AGENTS = 50
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


def concurrently(pairs, *, threads: bool = True) -> tuple[list[float], list[Exception]]:
    """Register every (user, session) pair at once, each in its own thread and connection."""
    if not threads:  # SQLite in-memory test databases cannot share writes between threads
        return [_register(user, session) for user, session in pairs], []
    barrier = threading.Barrier(len(pairs))
    latencies, errors = [], []

    def worker(user, session):
        try:
            barrier.wait()
            latencies.append(_register(user, session))
        except Exception as error:  # noqa: BLE001 - reported as a failed check
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=pair) for pair in pairs]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
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


def run(ctx, *, threads: bool | None = None) -> Result:
    threads = connection.vendor != "sqlite" or not ctx.settings.quick if threads is None else threads
    agents = 5 if ctx.settings.quick else AGENTS
    rounds = ctx.settings.rounds if not ctx.settings.quick else 1
    module = _module(ctx)
    users = _agents(ctx, module, agents * 3)
    snapshot = list(Enrolment.objects.filter(path=ctx.session_path, user__in=users))
    created: list[TrainingSession] = []
    contended, alone, spread, correct, errors = [], [], [], True, []
    try:
        for _round in range(rounds):
            # Uncontended: one registration at a time, on a session of its own.
            singles = []
            for user in users[agents : 2 * agents]:
                created.append(_session(module, SEATS))
                singles.append(_register(user, created[-1]))
                SessionRegistration.objects.filter(session=created[-1]).delete()
            alone.append(statistics.median(singles))
            # Same concurrency, no contention: each agent on a session of their own.
            own = [(user, _session(module, SEATS)) for user in users[2 * agents :]]
            created += [session for _user, session in own]
            latencies, failures = concurrently(own, threads=threads)
            spread.append(percentile(latencies, 0.95))
            errors += failures
            SessionRegistration.objects.filter(session__in=[s for _u, s in own]).delete()
            # Contended: everyone for the same 10 seats.
            created.append(_session(module, SEATS))
            latencies, failures = concurrently(
                [(user, created[-1]) for user in users[:agents]], threads=threads
            )
            contended.append(percentile(latencies, 0.95))
            errors += failures
            correct = correct and not failures and _correct(created[-1], agents)
            SessionRegistration.objects.filter(session=created[-1]).delete()
        queries = []
        for count in (1, SEATS + 1):  # a confirmed seat, then a place on the waitlist
            session = _session(module, SEATS)
            created.append(session)
            for user in users[: count - 1]:
                services.register_for_session(user=user, session=session)
            queries.append(count_queries(lambda u=users[count - 1], s=session: _register(u, s)))
    finally:
        SessionRegistration.objects.filter(session__in=created).delete()
        TrainingSession.objects.filter(pk__in=[s.pk for s in created]).delete()
        Enrolment.objects.bulk_update(
            snapshot, ["status", "started_at", "last_activity_at", "progress_percent"]
        )
    contention = statistics.median(contended) / statistics.median(spread)
    return Result(
        key="registrations",
        title=f"{agents} concurrent registrations for a {SEATS}-seat session (p95)",
        unit="ms",
        campus=contended,
        baseline=alone,
        goal=3.0,
        queries=tuple(queries),
        sizes=("1st registration", f"{SEATS + 1}th (waitlist)"),
        checks={"100 % correct (seats, waitlist order, no error)": correct and not errors},
        notes=[
            f"p95 of {agents} concurrent registrations on {agents} different sessions: "
            f"{statistics.median(spread):.1f} ms — contention alone costs {contention:.2f}×.",
            *(f"error: {error!r}" for error in errors[:3]),
        ],
    )
