"""Registrations under contention, two ways.

- Latency: 50 agents registering at the same moment for a 10-seat session (threads of this
  process, one database connection each, released together by a barrier), against the same 50
  registering at the same moment for 50 different sessions (p95: what the contention costs).
- Throughput over HTTP: 20 clients (threads, each with its own signed-in agents and keep-alive
  connection) POSTing the registration view to the gunicorn server of the HTTP scenarios, for
  one session, against the same 20 clients each registering for a session of its own
  (registrations per second). With the test client (the tests), one after another.

Correct means: exactly `SEATS` confirmed, the others on the waitlist in distinct positions, no
error. The sessions created are deleted afterwards, with their registrations, and the
enrolments' figures restored.
"""

import datetime
import sys
import threading
import time
from importlib import import_module

from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bench.completion import CSRF_SECRET
from bench.harness import Result, count_queries
from bench.http import local_client, session_cookie
from courses.models import CoursePage, TrainingSession
from learners.learning.models import Enrolment
from learners.sessions import selectors, services
from learners.sessions.models import SessionRegistration

SEATS = 10
AGENTS = 50
CLIENTS = 20  # HTTP clients
PER_CLIENT = 10  # registrations each client sends in a round, one agent each
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


def _agents(ctx, module, count: int, *, at_least: int | None = None):
    """Agents enrolled in the path who hold no seat in another session of the module: `count`,
    or as many as there are if at least `at_least`."""
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
    if len(users) < (count if at_least is None else at_least):
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


class HttpRegistrations:
    """Registrations POSTed to the registration view: over HTTP to `server` by `clients`
    threads released together, or (without a server) through the test client, one after
    another. Each agent has a signed-in session of their own (cookies made once)."""

    def __init__(self, server, agents_by_client: list[list]):
        self.server = server
        self.cookies = [[session_cookie(user)[1] for user in agents] for agents in agents_by_client]
        self.agents = agents_by_client

    def close(self) -> None:
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for keys in self.cookies:
            for key in keys:
                store(session_key=key).delete()

    def run(self, sessions: list) -> tuple[float, list[str]]:
        """Registrations per second, each client registering its agents for
        `sessions[client]`; and the errors."""
        if self.server is None:
            return self._with_test_client(sessions)
        import requests

        barrier = threading.Barrier(len(self.cookies) + 1)
        errors, done = [], []

        def client(keys, session):
            url = self.server.base + reverse("register_session", args=[session.pk])
            http = requests.Session()
            barrier.wait()
            for key in keys:
                try:
                    answer = http.post(
                        url,
                        cookies={
                            settings.SESSION_COOKIE_NAME: key,
                            settings.CSRF_COOKIE_NAME: CSRF_SECRET,
                        },
                        headers={"X-CSRFToken": CSRF_SECRET},
                        allow_redirects=False,
                        timeout=60,
                    )
                    location = answer.headers.get("Location", "")
                    if answer.status_code != 302 or "/comptes/" in location:
                        errors.append(f"{answer.status_code} {location}")
                    else:
                        done.append(1)
                except Exception as error:  # noqa: BLE001 - reported as a failed check
                    errors.append(repr(error))

        threads = [
            threading.Thread(target=client, args=pair)
            for pair in zip(self.cookies, sessions, strict=True)
        ]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        return len(done) / (time.perf_counter() - started), errors

    def _with_test_client(self, sessions) -> tuple[float, list[str]]:
        errors, count = [], 0
        started = time.perf_counter()
        for agents, session in zip(self.agents, sessions, strict=True):
            url = reverse("register_session", args=[session.pk])
            for user in agents:
                client = local_client()
                client.force_login(user)
                answer = client.post(url)
                if answer.status_code != 302:
                    errors.append(f"{answer.status_code}")
                count += 1
        return count / (time.perf_counter() - started), errors


def run(ctx, server=None, *, concurrent: bool = True) -> list[Result]:
    quick = ctx.settings.quick
    agents = 5 if quick else AGENTS
    clients, per_client = (2, 2) if quick else (CLIENTS, PER_CLIENT)
    module = _module(ctx)
    users = _agents(ctx, module, max(agents, clients * per_client), at_least=max(agents, clients))
    per_client = min(per_client, len(users) // clients)  # a smaller campus: fewer each
    snapshot = list(Enrolment.objects.filter(path=ctx.session_path, user__in=users))
    created: list[TrainingSession] = []

    def new_session(capacity: int = SEATS) -> TrainingSession:
        created.append(_session(module, capacity))
        return created[-1]

    def reset() -> None:
        """Every phase starts from the same state: no registration, enrolments as they were."""
        SessionRegistration.objects.filter(session__in=created).delete()
        Enrolment.objects.bulk_update(snapshot, ENROLMENT_FIELDS)

    contended, spread, errors, correct = [], [], [], True
    one_session, own_sessions = [], []
    grouped = [users[n * per_client : (n + 1) * per_client] for n in range(clients)]
    over_http = HttpRegistrations(server if ctx.transport == "http" else None, grouped)
    try:
        for _round in range(ctx.settings.rounds):
            # Same concurrency, no contention: every agent on a session of their own.
            latencies, failures = concurrently(
                [(user, new_session()) for user in users[:agents]], concurrent
            )
            spread.append(percentile(latencies, 0.95))
            errors += failures
            reset()
            # Contended: everyone for the same 10 seats.
            session = new_session()
            latencies, failures = concurrently(
                [(user, session) for user in users[:agents]], concurrent
            )
            contended.append(percentile(latencies, 0.95))
            errors += failures
            correct = correct and _correct(session, agents)
            reset()
        for _round in range(1 if quick else ctx.settings.http_rounds):
            # Each client for a session of its own (one seat each: as many on the waitlists).
            rate, failures = over_http.run([new_session(1) for _ in grouped])
            own_sessions.append(rate)
            errors += failures
            reset()
            session = new_session()
            rate, failures = over_http.run([session] * clients)
            one_session.append(rate)
            errors += failures
            correct = correct and _correct(session, clients * per_client)
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
        over_http.close()
        TrainingSession.objects.filter(pk__in=[session.pk for session in created]).delete()
    checks = {"100 % correct (seats, waitlist order, no error)": correct and not errors}
    notes = [f"error: {error!r}" for error in errors[:3]]
    shared = {
        "queries": tuple(queries),
        "sizes": ("1st registration", f"{SEATS + 1}th (waitlist)"),
        "checks": checks,
        "notes": notes,
    }
    transport = "gunicorn 2 workers" if over_http.server else "test client, one after another"
    return [
        Result(
            key="registrations_contention",
            title=(
                f"{agents} concurrent registrations for a {SEATS}-seat session vs {agents} "
                "concurrent registrations for different sessions (p95, contention only)"
            ),
            unit="ms",
            campus=contended,
            baseline=spread,
            goal=1.2,
            **shared,
        ),
        Result(
            key="registrations_throughput",
            title=(
                f"Registrations per second over HTTP, {clients} clients for one {SEATS}-seat "
                f"session vs each for a session of its own ({clients * per_client} "
                f"registrations a round, {transport})"
            ),
            unit="req/s",
            campus=one_session,
            baseline=own_sessions,
            goal=0.8,
            **shared,
        ),
    ]
