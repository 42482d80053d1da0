"""Pages over HTTP: gunicorn (2 workers, the production configuration) serving the benchmark
database on 127.0.0.1, loaded by wrk (or, without wrk, a Python load generator with keep-alive
sessions); the baseline is a minimal Django view returning HTML of the same size, served by the
same server through the same middleware (bench/urls.py, campus/settings/bench.py).

With `ctx.transport == "client"` (the tests), requests go through Django's test client instead.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from bench.harness import Result, count_queries
from courses.models import TrainingPathPage
from courses.selectors import path_outline
from learners.accounts.middleware import LAST_ACTIVITY_KEY
from learners.learning.models import ActivityCompletion, Enrolment

WORKERS = 2
CONNECTIONS = 4
BENCH_URLS = "bench.urls"  # the campus's URLs and the minimal view


def local_client() -> Client:
    """A test client addressing the campus as 127.0.0.1 (an allowed host of the benchmark's
    settings, where "testserver" is not)."""
    return Client(HTTP_HOST="127.0.0.1")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the campus's configuration file, 2 workers, on a free local port."""

    def __init__(self, log=print):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = None

    def __enter__(self):
        env = {
            **os.environ,
            "DEBUG": "False",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # The campus is addressed as 127.0.0.1; packages would be on the other name.
            "CONTENT_ORIGIN": f"http://localhost:{self.port}",
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_COOKIES": "False",
            "DJANGO_SETTINGS_MODULE": "campus.settings.bench",
            "WEB_CONCURRENCY": str(WORKERS),
            "GUNICORN_ACCESS_LOG": "",
            "PORT": str(self.port),
        }
        command = [
            *(sys.executable, "-m", "gunicorn", "campus.wsgi:application"),
            *("--config", str(settings.BASE_DIR / "campus" / "gunicorn.conf.py")),
            *("--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS)),
        ]
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=self.errors
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        log = self.log_tail()
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start within 60 s:\n{log}")

    def log_tail(self, size: int = 4000) -> str:
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")[-size:]

    def __exit__(self, *exc):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None
            self.errors.close()

    def get(self, path: str, cookie: str = "") -> tuple[int, bytes]:
        url = self.base + path  # always http://127.0.0.1:<port>/…
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def wrk(url: str, seconds: float, cookie: str = "") -> float:
    """Requests per second reported by wrk; any non-2xx answer invalidates the measure."""
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def python_load(url: str, seconds: float, cookie: str = "") -> float:
    """Without wrk: threads with keep-alive sessions (slower than wrk: compare ratios only)."""
    import requests

    done, stop = [], time.monotonic() + seconds

    def worker():
        session, count = requests.Session(), 0
        while time.monotonic() < stop:
            response = session.get(url, headers={"Cookie": cookie}, timeout=30)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            count += 1
        done.append(count)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def client_load(client: Client, path: str, seconds: float) -> float:
    """The test client, one request after another (tests: no server)."""
    count, started = 0, time.monotonic()
    while True:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        count += 1
        if time.monotonic() - started >= seconds:
            return count / (time.monotonic() - started)


def session_cookie(user) -> tuple[str, str]:
    """A signed-in session for `user`, as the login view would store it: (cookie, key)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store[LAST_ACTIVITY_KEY] = int(time.time())
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}", store.session_key


def resume_lesson(user, path) -> int:
    """The first lesson of the path the agent has not completed (where "Reprendre" leads)."""
    done = set(
        ActivityCompletion.objects.filter(user=user, path=path).values_list(
            "activity_id", flat=True
        )
    )
    lessons = [a for a in path_outline(path).activities if a.kind == "lesson"]
    return next((a.id for a in lessons if a.id not in done), lessons[0].id)


def _measure(ctx, server, campus_path: str, user, **result) -> Result:
    """Requests per second on `campus_path` and on the minimal view of the same size, as
    `user` (None: anonymous), alternating rounds."""
    if ctx.transport == "client":
        return _measure_with_client(ctx, campus_path, user, **result)
    cookie, key = session_cookie(user) if user is not None else ("", None)
    try:
        campus, baseline, notes = _load_rounds(ctx, server, campus_path, cookie)
    finally:
        if key:
            import_module(settings.SESSION_ENGINE).SessionStore(session_key=key).delete()
    return Result(unit="req/s", campus=campus, baseline=baseline, notes=notes, **result)


def _load_rounds(ctx, server, campus_path: str, cookie: str):
    status, body = server.get(campus_path, cookie)
    if status != 200:
        raise RuntimeError(f"{campus_path} answered {status}")
    baseline_path = reverse("benchmark_minimal", args=[len(body)], urlconf=BENCH_URLS)
    load = wrk if shutil.which("wrk") else python_load
    for path in (campus_path, baseline_path):  # warm-up: templates, caches, connections
        load(server.base + path, 1, cookie)
    campus, baseline = [], []
    seconds = ctx.settings.http_seconds
    try:
        for _ in range(ctx.settings.http_rounds):
            baseline.append(load(server.base + baseline_path, seconds, cookie))
            campus.append(load(server.base + campus_path, seconds, cookie))
    except RuntimeError as error:
        status, body = server.get(campus_path, cookie)
        raise RuntimeError(
            f"{error}\nNow {campus_path} answers {status}: {body[:300]!r}\n{server.log_tail()}"
        ) from error
    return campus, baseline, [f"{len(body):,} bytes of HTML; load generator: {load.__name__}"]


def _measure_with_client(ctx, campus_path: str, user, **result) -> Result:
    client = local_client()
    if user is not None:
        client.force_login(user)
    size = len(client.get(campus_path).content)
    with override_settings(ROOT_URLCONF=BENCH_URLS):
        baseline_path = reverse("benchmark_minimal", args=[size])
        seconds = ctx.settings.http_seconds
        baseline = [client_load(client, baseline_path, seconds)]
        campus = [client_load(client, campus_path, seconds)]
    notes = ["test client (no server): not a measure"]
    return Result(unit="req/s", campus=campus, baseline=baseline, notes=notes, **result)


def _queries(path: str, user=None) -> int:
    """Queries of one request in steady state (after a first one has filled the caches)."""
    client = local_client()
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return count_queries(lambda: client.get(path))


def learning_view(ctx, server=None) -> Result:
    """A lesson for the learner half-way through the most popular path (2 workers)."""
    learner, path = ctx.learner, ctx.learner_path
    url = reverse("learning_activity", args=[resume_lesson(learner, path)])
    beginner = (
        Enrolment.objects.filter(path=path, status=Enrolment.Status.ENROLLED, user__is_active=True)
        .select_related("user")
        .first()
    )
    beginner = beginner.user if beginner else learner
    queries = (
        _queries(reverse("learning_activity", args=[resume_lesson(beginner, path)]), beginner),
        _queries(url, learner),
    )
    snapshot = Enrolment.objects.get(user=learner, path=path)
    try:
        return _measure(
            ctx,
            server,
            url,
            learner,
            key="learning_view",
            title=(
                f"Lesson learning view, signed-in agent ({len(path_outline(path).activities)} "
                "activities, half done), gunicorn 2 workers"
            ),
            goal=0.15,
            queries=queries,
            sizes=("agent with no completion", "agent half-way"),
        )
    finally:
        snapshot.save(update_fields=["last_activity_at", "last_activity_id"])


def path_page(ctx, server=None) -> Result:
    """The public page of a path with sessions, for an anonymous visitor (2 workers)."""
    path = ctx.session_path
    light = (
        TrainingPathPage.objects.live()
        .exclude(pk__in=[ctx.session_path.pk, ctx.learner_path.pk])
        .order_by("-pk")
        .first()
    )
    url = path.get_url()
    return _measure(
        ctx,
        server,
        url,
        None,
        key="path_page",
        title=(
            f"Public path page, anonymous visitor ({len(path_outline(path).activities)} "
            "activities, upcoming sessions), gunicorn 2 workers"
        ),
        goal=0.3,
        queries=(_queries(light.get_url()), _queries(url)),
        sizes=("light path (2 activities)", "full path"),
    )


# Latency under concurrency (Mon équipe over HTTP, bench/pages.py) ---------------------------

# wrk's Lua hooks: each thread (one connection each) sends its own session cookie, and the
# summary prints the percentiles wrk's `--latency` table leaves out (p95), in microseconds.
WRK_LATENCY_SCRIPT = """
local cookies = {%(cookies)s}
local counter = 1
function setup(thread)
  thread:set("cookie", cookies[(counter - 1) %% #cookies + 1])
  counter = counter + 1
end
function request()
  if cookie ~= nil and cookie ~= "" then
    return wrk.format(nil, nil, {["Cookie"] = cookie})
  end
  return wrk.format(nil, nil)
end
function done(summary, latency, requests)
  io.write(string.format("bench-p50 %%d\\nbench-p95 %%d\\n",
    latency:percentile(50), latency:percentile(95)))
end
"""


@dataclass
class Latency:
    """One load of a URL: requests per second and latency percentiles (ms)."""

    rps: float
    p50: float
    p95: float


def wrk_latency(url: str, seconds: float, cookies: list[str]) -> Latency:
    """wrk with one connection (and thread) per cookie, so that `len(cookies)` clients each
    send their own session; any non-2xx answer invalidates the measure."""
    quoted = ", ".join('"' + cookie.replace('"', "") + '"' for cookie in cookies)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_LATENCY_SCRIPT % {"cookies": quoted})
        script.flush()
        clients = len(cookies)
        command = [
            *("wrk", f"-t{clients}", f"-c{clients}", f"-d{max(1, round(seconds))}s"),
            # A slow page under load must be timed, not dropped as a timeout (2 s by default).
            *("--timeout", "60s", "--latency", "-s", script.name, url),
        ]
        output = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, check=True
        ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{output}")
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    if timeouts and int(timeouts.group(1)):
        raise RuntimeError(f"{url}: {timeouts.group(1)} requests timed out\n{output}")
    return Latency(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=int(re.search(r"bench-p50 (\d+)", output).group(1)) / 1000,
        p95=int(re.search(r"bench-p95 (\d+)", output).group(1)) / 1000,
    )


def python_latency_load(url: str, seconds: float, cookies: list[str]) -> Latency:
    """Without wrk: one thread and keep-alive session per cookie, every request timed."""
    import requests

    durations, stop = [], time.monotonic() + seconds

    def worker(cookie):
        session = requests.Session()
        while time.monotonic() < stop:
            started = time.perf_counter()
            response = session.get(url, headers={"Cookie": cookie}, timeout=30)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            durations.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=worker, args=(cookie,)) for cookie in cookies]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(durations)
    return Latency(
        rps=len(ordered) / elapsed,
        p50=ordered[len(ordered) // 2],
        p95=ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
    )


def client_latency_load(client: Client, path: str, seconds: float) -> Latency:
    """The test client, one request after another (tests: no server, no concurrency)."""
    durations, started = [], time.monotonic()
    while not durations or time.monotonic() - started < seconds:
        began = time.perf_counter()
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        durations.append((time.perf_counter() - began) * 1000)
    ordered = sorted(durations)
    return Latency(
        rps=len(ordered) / (time.monotonic() - started),
        p50=ordered[len(ordered) // 2],
        p95=ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
    )
