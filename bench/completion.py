"""Recording a completion: the "J’ai terminé cette leçon" view (through the WSGI application,
as the server calls it, each time a new agent and lesson), against the floor any signed-in POST
pays: a minimal view behind the same middleware (session, user, CSRF check, messages) that
inserts one row (`bench.views.benchmark_insert`), POSTed the same way with the same kind of
session. A second row compares the view with a raw INSERT … ON CONFLICT DO NOTHING of a new row
in autocommit, the physical floor (no goal: no signed-in request can come near it).

Everything written is removed afterwards (completions, enrolments' figures, sessions), so the
benchmark can run again on the same database.
"""

import io
import sys
from functools import cache
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from bench.harness import Result, count_queries, timed
from bench.http import BENCH_URLS, session_cookie
from courses.selectors import path_outline
from learners.learning.models import ActivityCompletion, Enrolment

Status = Enrolment.Status
ENROLMENT_FIELDS = [
    *("status", "started_at", "completed_at", "last_activity_at", "last_activity_id"),
    *("progress_percent", "completed_minutes"),
]


def candidates(ctx, count: int, *, per_agent: int = 5) -> list[tuple]:
    """(user, lesson, completions so far) for agents of the learner's path: up to `per_agent`
    lessons each, in outline order, leaving at least two required activities to do (the path
    is never completed, no certificate is issued)."""
    path = ctx.learner_path
    outline = path_outline(path)
    enrolments = list(
        Enrolment.objects.filter(path=path, status__in=[Status.ENROLLED, Status.IN_PROGRESS])
        .filter(user__is_active=True)
        .exclude(user=ctx.learner)
        .select_related("user")
        .order_by("pk")[: count * 2]
    )
    done: dict[int, set] = {}
    rows = ActivityCompletion.objects.filter(path=path, user__in=[e.user_id for e in enrolments])
    for user_id, activity_id in rows.values_list("user_id", "activity_id"):
        done.setdefault(user_id, set()).add(activity_id)
    required = [a.id for a in outline.activities if a.required]
    pairs = []
    for enrolment in enrolments:
        completed = set(done.get(enrolment.user_id, set()))
        before = len(completed)
        for activity in outline.activities:
            if len(pairs) >= count or len(completed) - before >= per_agent:
                break
            if activity.id in completed or activity.kind != "lesson":
                continue
            if sum(1 for pk in required if pk not in completed and pk != activity.id) < 2:
                break
            pairs.append((enrolment.user, activity, len(completed)))
            completed.add(activity.id)
    if len(pairs) < count:
        raise RuntimeError(f"Only {len(pairs)} lessons can be completed; {count} needed.")
    return pairs


CSRF_SECRET = "benchmarkbenchmarkbenchmarkbench"  # 32 characters: a valid unmasked token


def post(path: str, cookies: dict) -> tuple[int, str]:
    """POST to the campus's WSGI application as gunicorn calls it (the whole middleware stack,
    CSRF check included, no test client): (status code, Location header)."""
    cookies = {settings.CSRF_COOKIE_NAME: CSRF_SECRET, **cookies}
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "HTTP_X_CSRFTOKEN": CSRF_SECRET,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": "0",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    # As on the server, the request checks the persistent connection at its start and end;
    # not inside a transaction (the tests'), which that check would close, as the test client
    # knows.
    in_transaction = connection.in_atomic_block
    if in_transaction:
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
    try:
        body = _application()(environ, start_response)
        for _chunk in body:
            pass
        body.close()
    finally:
        if in_transaction:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"].get("Location", "")


@cache
def _application() -> WSGIHandler:
    return WSGIHandler()


class Recorder:
    """Records completions for its (agent, lesson) pairs, one by call, in order: through the
    campus's view (`campus`), the minimal signed-in view (`baseline`) or a raw INSERT
    (`raw_insert`, no request)."""

    def __init__(self, ctx, pairs, *, signed_in=True):
        self.ctx, self.pairs = ctx, list(pairs)
        self.requests = []
        for user, activity, _done in self.pairs if signed_in else []:
            _cookie, session = session_cookie(user)
            self.requests.append((session, activity))
        self.position = 0

    @property
    def session_keys(self) -> list[str]:
        return [session for session, _activity in self.requests]

    def _post(self, url: str, session: str, view: str):
        self.position += 1
        status, location = post(url, {settings.SESSION_COOKIE_NAME: session})
        if status != 302 or "/comptes/" in location:
            raise RuntimeError(f"{view} answered {status} ({location}) for {url}")

    def campus(self):
        session, activity = self.requests[self.position]
        url = reverse("complete_lesson", args=[activity.id])
        self._post(url, session, "Completion view")

    def baseline(self):
        session, activity = self.requests[self.position]
        arguments = [activity.id, self.ctx.learner_path.pk, activity.duration_minutes]
        url = reverse("benchmark_insert", args=arguments, urlconf=BENCH_URLS)
        self._post(url, session, "Minimal insert view")

    def raw_insert(self):
        user, activity, _done = self.pairs[self.position]
        self.position += 1
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO learners_activitycompletion "
                "(user_id, activity_id, path_id, duration_minutes, completed_at) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [
                    *(user.pk, activity.id, self.ctx.learner_path.pk),
                    activity.duration_minutes,
                    connection.ops.adapt_datetimefield_value(timezone.now()),
                ],
            )


def run(ctx) -> list[Result]:
    # The minimal view is routed by the benchmark's URLs (the tests' settings route the
    # campus's only).
    with override_settings(ROOT_URLCONF=BENCH_URLS):
        return _run(ctx)


def _run(ctx) -> list[Result]:
    measure = ctx.settings
    per_side = 1 + measure.rounds * measure.iterations
    pairs = candidates(ctx, 3 * per_side + 2)
    users = [user.pk for user, _a, _d in pairs]
    snapshot = list(Enrolment.objects.filter(path=ctx.learner_path, user__in=users))
    top = ActivityCompletion.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sessions_before = set(Session.objects.values_list("session_key", flat=True))
    recorders = []
    try:
        campus_side = Recorder(ctx, pairs[:per_side])
        baseline_side = Recorder(ctx, pairs[per_side : 2 * per_side])
        raw_side = Recorder(ctx, pairs[2 * per_side : 3 * per_side], signed_in=False)
        recorders += [campus_side, baseline_side]
        campus_side.campus()  # warm-up
        baseline_side.baseline()
        raw_side.raw_insert()
        campus, baseline, raw = [], [], []
        for _ in range(measure.rounds):
            raw.append(timed(raw_side.raw_insert, measure.iterations))
            baseline.append(timed(baseline_side.baseline, measure.iterations))
            campus.append(timed(campus_side.campus, measure.iterations))
        # Query counts: an agent with the fewest completions, and one with the most.
        extra = sorted(pairs[3 * per_side :], key=lambda pair: pair[2])
        counted = [Recorder(ctx, [pair]) for pair in extra]
        recorders += counted
        queries = tuple(count_queries(recorder.campus) for recorder in counted)
        floor = Recorder(ctx, [extra[0]])
        recorders.append(floor)
        baseline_queries = count_queries(floor.baseline)  # a conflict: the same statement
        recorded = ActivityCompletion.objects.filter(pk__gt=top).count()
    finally:
        ActivityCompletion.objects.filter(pk__gt=top).delete()
        Enrolment.objects.bulk_update(snapshot, ENROLMENT_FIELDS)
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for recorder in recorders:
            for key in recorder.session_keys:
                store(session_key=key).delete()  # from the cache too (`cached_db`)
        Session.objects.exclude(session_key__in=sessions_before).delete()
    expected = 3 * per_side + len(extra)
    shared = {
        "unit": "ms",
        "campus": campus,
        "queries": queries,
        "sizes": (f"{extra[0][2]} completions before", f"{extra[-1][2]} completions before"),
        "checks": {f"{recorded} of {expected} completions recorded": recorded == expected},
    }
    return [
        Result(
            key="completion",
            title=(
                "Recording a completion (the view vs a minimal signed-in POST inserting one "
                "row, whole middleware stack)"
            ),
            baseline=baseline,
            goal=2.0,
            notes=[
                f"session engine: {settings.SESSION_ENGINE.rsplit('.', 1)[-1]}; "
                f"the minimal view's queries: {baseline_queries}",
            ],
            **shared,
        ),
        Result(
            key="completion_floor",
            title="The same view vs a raw INSERT in autocommit (the physical floor, no goal)",
            baseline=raw,
            goal=None,
            **shared,
        ),
    ]
