"""A peer side by side: one lesson of a course served by the campus and by wagtail-lms (PyPI), on
the same machine in the same run, each against its own bare-Django baseline.

wagtail-lms runs in its own virtualenv, .venv-peer (`scripts/peer install`, pinned with hashes in
requirements-peer.lock), with its own Wagtail, Django and gunicorn; bench/peer/ is a minimal
project of ours that configures it (no code of it copied), on a throwaway SQLite file. Its baseline
is the same minimal view as the campus's, in that project, through its middleware.

The same kind of page is not served to the same visitor on both sides: the campus shows a lesson
of a path to anyone (its public Wagtail page, with its module's outline and an invitation to
enrol), while wagtail-lms sends an anonymous visitor to sign in and shows a lesson only to a
learner enrolled in its course. Its lesson is measured for such a learner (session cookie on the
page and on its baseline). Both sides: gunicorn, 2 sync workers, the same load generator, rounds
alternating baseline and page and the two sides.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from bench import http
from bench.harness import Result
from courses.models import LessonPage

GOAL = 0.3  # the suite's goal for the campus's anonymous pages (path_page), for both sides
WORKERS = http.WORKERS


def peer_venv() -> Path:
    return Path(settings.BASE_DIR) / ".venv-peer"


def peer_unavailable() -> str | None:
    """Why wagtail-lms cannot be served here, or None."""
    if not (peer_venv() / ".installed").exists():
        return (
            "wagtail-lms not measured: .venv-peer is not installed (`scripts/peer install`; "
            "it needs PyPI: its error, if any, is in `make bench`'s output)"
        )
    return None


def setup_peer(database: Path) -> dict:
    """The peer's course, lesson and learner created in `database` (scripts/peer setup)."""
    script = Path(settings.BASE_DIR) / "scripts" / "peer"
    completed = subprocess.run(  # noqa: S603 - our own script
        [str(script), "setup", str(database)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"scripts/peer setup failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


class PeerServer(http.Server):
    """gunicorn of the peer's virtualenv serving bench/peer/ (2 sync workers, app preloaded
    as the campus's configuration does)."""

    def __init__(self, database: Path, log=print):
        super().__init__(log=log)
        self.database = database

    def __enter__(self):
        project = Path(settings.BASE_DIR) / "bench" / "peer"
        env = {
            **os.environ,
            "PYTHONPATH": str(project),
            "DJANGO_SETTINGS_MODULE": "peer_site.settings",
            "PEER_DATABASE": str(self.database),
            "PEER_MEDIA": str(self.database.parent / "media"),
        }
        command = [
            *(str(peer_venv() / "bin" / "python"), "-m", "gunicorn", "peer_site.wsgi:application"),
            *("--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS), "--preload"),
            *("--max-requests", "20000", "--no-control-socket"),
        ]
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(  # noqa: S603 - the peer's interpreter, our arguments
            command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=self.errors
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
        raise RuntimeError(f"the peer's gunicorn did not start within 60 s:\n{log}")


def campus_lesson(ctx) -> LessonPage:
    """The first lesson of the most followed path."""
    return LessonPage.objects.live().descendant_of(ctx.learner_path).order_by("path").first()


def run(ctx, server=None) -> list[Result]:
    lesson = campus_lesson(ctx)
    campus_url = lesson.get_url()
    campus_result = {
        "key": "peer_campus",
        "title": (
            f"Side by side — campus: a lesson's public page, anonymous visitor "
            f"(Wagtail {version('wagtail')}), gunicorn {WORKERS} workers"
        ),
        "goal": GOAL,
        "queries": (http._queries(campus_url), http._queries(campus_url)),
        "sizes": ("lesson", "lesson"),
    }
    reason = peer_unavailable()
    if reason:
        campus = http._measure(ctx, server, campus_url, None, **campus_result)
        return [campus, _not_measured(reason)]
    ctx.log("   setting up wagtail-lms (scripts/peer setup)…")
    folder = Path(tempfile.mkdtemp(prefix="campus-peer-"))
    try:
        started = time.monotonic()
        peer = setup_peer(folder / "peer.sqlite3")
        setup_seconds = time.monotonic() - started
        with PeerServer(folder / "peer.sqlite3", log=ctx.log) as peer_server:
            if ctx.transport == "client":
                campus = http._measure_with_client(ctx, campus_url, None, **campus_result)
                peer_rounds = _peer_rounds(ctx, peer_server, peer)
            else:
                campus_rounds, peer_rounds = _rounds(ctx, server, campus_url, peer_server, peer)
                campus = Result(unit="req/s", **campus_rounds, **campus_result)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    versions = peer["versions"]
    peer_result = Result(
        key="peer_wagtail_lms",
        title=(
            f"Side by side — wagtail-lms {versions['wagtail-lms']}: a lesson, signed-in enrolled "
            f"learner (Wagtail {versions['wagtail']}), gunicorn {WORKERS} workers"
        ),
        unit="req/s",
        goal=GOAL,
        queries=(peer["lesson_queries"], peer["lesson_queries"]),
        sizes=("lesson", "lesson"),
        **peer_rounds,
    )
    peer_result.notes += [
        f"wagtail-lms {versions['wagtail-lms']}, Wagtail {versions['wagtail']}, "
        f"Django {versions['django']}, in .venv-peer; SQLite; set up in {setup_seconds:.0f} s",
        "wagtail-lms redirects an anonymous visitor to sign in: its lesson is measured for a "
        "learner enrolled in the course (session cookie on the page and on its baseline)",
    ]
    campus.notes.append(
        f"the first lesson of the most followed path ({campus_url}), as its public page shows "
        f"it to anyone; wagtail-lms's ratio beside it: {peer_result.ratio:.2f}×"
    )
    return [campus, peer_result]


def _not_measured(reason: str) -> Result:
    return Result(
        key="peer_wagtail_lms",
        title="Side by side — wagtail-lms: a lesson (not measured)",
        unit="req/s",
        campus=[float("nan")],
        baseline=[1.0],
        goal=GOAL,
        checks={"wagtail-lms installed": False},
        notes=[reason],
    )


def _baseline_path(size: int) -> str:
    """The peer's minimal view (bench/peer/peer_site/urls.py), the campus's URL pattern."""
    return f"/_bench/minimal/{size}/"


def _check(server, path: str, cookie: str = "") -> bytes:
    status, body = server.get(path, cookie)
    if status != 200:
        raise RuntimeError(f"{server.base}{path} answered {status}: {body[:300]!r}")
    return body


def _rounds(ctx, server, campus_url: str, peer_server, peer: dict):
    """Both sides, each page after its baseline, the sides' order swapped every round."""
    cookie = peer["cookie"]
    campus_size = len(_check(server, campus_url))
    peer_body = _check(peer_server, peer["lesson_url"], cookie)
    if peer["lesson_text"].encode() not in peer_body:
        raise RuntimeError(f"the peer's lesson lacks its text: {peer_body[:300]!r}")
    sides = {
        "campus": (
            server,
            campus_url,
            reverse("benchmark_minimal", args=[campus_size], urlconf=http.BENCH_URLS),
            "",
        ),
        "peer": (peer_server, peer["lesson_url"], _baseline_path(len(peer_body)), cookie),
    }
    load = http.wrk if shutil.which("wrk") else http.python_load
    for target, page, baseline, side_cookie in sides.values():  # warm-up
        for path in (page, baseline):
            load(target.base + path, 1, side_cookie)
    figures = {side: {"campus": [], "baseline": []} for side in sides}
    seconds = ctx.settings.http_seconds
    for number in range(ctx.settings.http_rounds):
        order = list(sides) if number % 2 == 0 else list(reversed(sides))
        for side in order:
            target, page, baseline, side_cookie = sides[side]
            figures[side]["baseline"].append(load(target.base + baseline, seconds, side_cookie))
            figures[side]["campus"].append(load(target.base + page, seconds, side_cookie))
    note = f"load generator: {load.__name__}"
    campus = {**figures["campus"], "notes": [f"{campus_size:,} bytes of HTML; {note}"]}
    peer_rounds = {**figures["peer"], "notes": [f"{len(peer_body):,} bytes of HTML; {note}"]}
    return campus, peer_rounds


def _peer_rounds(ctx, peer_server, peer: dict) -> dict:
    """The peer alone (tests: the campus goes through the test client)."""
    cookie = peer["cookie"]
    body = _check(peer_server, peer["lesson_url"], cookie)
    if peer["lesson_text"].encode() not in body:
        raise RuntimeError(f"the peer's lesson lacks its text: {body[:300]!r}")
    baseline = _baseline_path(len(body))
    _check(peer_server, baseline, cookie)
    seconds = ctx.settings.http_seconds
    return {
        "baseline": [http.python_load(peer_server.base + baseline, seconds, cookie)],
        "campus": [http.python_load(peer_server.base + peer["lesson_url"], seconds, cookie)],
        "notes": [f"{len(body):,} bytes of HTML; Python load generator (tests)"],
    }
