"""The pages agents and managers open most, over HTTP (gunicorn 2 workers, as bench/http.py):

- `my_space`: Mon espace for the agent with 10 enrolments, 3 upcoming sessions and 2
  certificates (`bench.load_data.space`), in requests per second against the minimal view of
  the same HTML size, same session cookie;
- `team_http`: Mon équipe for the manager of a direction of 5,000 agents, 10 clients at once
  (wrk: one connection and one session cookie each, all sessions of the same manager), p95
  latency against the minimal view of the same size at the same concurrency; goal ≤ 150 ms.
"""

import shutil
import statistics
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from bench import http
from bench.harness import Result
from learners.learning.models import Enrolment
from learners.team.scope import agents_in_scope

TEAM_CLIENTS = 10
TEAM_P95_GOAL_MS = 150.0


def my_space(ctx, server=None) -> Result:
    """Mon espace for the benchmark's agent (2 workers); queries against an agent with fewer
    enrolments."""
    agent = ctx.space_agent
    url = reverse("dashboard")
    light = ctx.learner
    counts = {user: Enrolment.objects.filter(user=user).active().count() for user in (light, agent)}
    return http._measure(
        ctx,
        server,
        url,
        agent,
        key="my_space",
        title=(
            f"Mon espace, signed-in agent ({counts[agent]} enrolments, upcoming sessions, "
            "certificates), gunicorn 2 workers"
        ),
        goal=0.2,
        queries=(http._queries(url, light), http._queries(url, agent)),
        sizes=(f"agent with {counts[light]} enrolment(s)", f"agent with {counts[agent]}"),
    )


@dataclass
class LatencyResult(Result):
    """A result whose goal is an absolute latency (checked in `checks`): the ratio to the
    baseline is printed, without a goal of its own."""

    absolute_goal: str = ""

    @property
    def goal_label(self) -> str:
        return self.absolute_goal

    @property
    def ratio_passed(self) -> bool:
        return True


def team_http(ctx, server=None) -> Result:
    """Mon équipe for the direction manager, 10 concurrent clients: p95 latency."""
    manager = ctx.direction_manager
    url = reverse("team")
    agents = agents_in_scope(ctx.fresh(manager)).count()
    queries = (
        http._queries(url, ctx.fresh(ctx.sub_direction_manager)),
        http._queries(url, ctx.fresh(manager)),
    )
    if ctx.transport == "client":
        campus, baseline, notes = _latency_with_client(ctx, url, manager)
    else:
        campus, baseline, notes = _latency_over_http(ctx, server, url, manager)
    p95 = statistics.median(load.p95 for load in campus)
    return LatencyResult(
        key="team_http",
        title=(
            f"Mon équipe over HTTP, direction of {agents:,} agents, "
            f"{TEAM_CLIENTS} concurrent managers: p95 latency, gunicorn 2 workers"
        ),
        unit="ms",
        campus=[load.p95 for load in campus],
        baseline=[load.p95 for load in baseline],
        goal=TEAM_P95_GOAL_MS,
        absolute_goal=f"p95 ≤ {TEAM_P95_GOAL_MS:g} ms",
        queries=queries,
        sizes=("sub-direction manager", "direction manager"),
        checks={f"p95 {p95:,.0f} ms ≤ {TEAM_P95_GOAL_MS:g} ms": p95 <= TEAM_P95_GOAL_MS},
        notes=[*notes, *_latency_notes(campus, baseline)],
    )


def _latency_notes(campus, baseline) -> list[str]:
    def line(label, loads):
        return (
            f"{label}: p50 {statistics.median(x.p50 for x in loads):,.1f} ms, "
            f"p95 {statistics.median(x.p95 for x in loads):,.1f} ms, "
            f"{statistics.median(x.rps for x in loads):,.0f} req/s"
        )

    return [line("Mon équipe", campus), line("minimal view", baseline)]


def _latency_over_http(ctx, server, url: str, manager):
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = [http.session_cookie(manager) for _ in range(TEAM_CLIENTS)]
    cookies = [cookie for cookie, _key in sessions]
    try:
        status, body = server.get(url, cookies[0])
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        baseline_path = reverse("benchmark_minimal", args=[len(body)], urlconf=http.BENCH_URLS)
        load = http.wrk_latency if shutil.which("wrk") else http.python_latency_load
        for path in (url, baseline_path):  # warm-up: templates, caches, connections
            load(server.base + path, 1, cookies)
        campus, baseline = [], []
        seconds = ctx.settings.http_seconds
        try:
            for _ in range(ctx.settings.http_rounds):
                baseline.append(load(server.base + baseline_path, seconds, cookies))
                campus.append(load(server.base + url, seconds, cookies))
        except RuntimeError as error:
            status, body = server.get(url, cookies[0])
            raise RuntimeError(
                f"{error}\nNow {url} answers {status}: {body[:300]!r}\n{server.log_tail()}"
            ) from error
    finally:
        for _cookie, key in sessions:
            store(session_key=key).delete()
    notes = [
        f"{len(body):,} bytes of HTML; load generator: {load.__name__}, {TEAM_CLIENTS} "
        "clients, each its own session of the same manager"
    ]
    return campus, baseline, notes


def _latency_with_client(ctx, url: str, manager):
    client = http.local_client()
    client.force_login(manager)
    size = len(client.get(url).content)
    with override_settings(ROOT_URLCONF=http.BENCH_URLS):
        baseline_path = reverse("benchmark_minimal", args=[size])
        seconds = ctx.settings.http_seconds
        baseline = [http.client_latency_load(client, baseline_path, seconds)]
        campus = [http.client_latency_load(client, url, seconds)]
    return campus, baseline, ["test client (no server, no concurrency): not a measure"]
