"""A SCORM runtime commit: `POST /apprendre/<id>/paquet/` with JSON, as the campus page's
script sends it while an agent plays a module (a typical SCORM 1.2 commit: status, location,
session time and about 1 KB of `suspend_data`), through the WSGI application (the whole
middleware stack, CSRF check included), against the lesson completion POST of
`bench.completion` in the same run, alternating rounds.

The SCORM activity and its enrolled agents come from the load data
(`bench.load_data.packages`). Each agent opens the module once (a first commit, not timed,
which creates the attempt), then the timed commits go round the agents, each with the next
sequence number: the steady state of a module being played. Everything written is removed
afterwards (attempts, completions, enrolments' figures, sessions).
"""

import io
import json
import sys
import uuid

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signals
from django.db import close_old_connections, connection
from django.urls import reverse

from bench.completion import CSRF_SECRET, ENROLMENT_FIELDS, Recorder, _application, candidates
from bench.harness import Result, count_queries, timed
from bench.http import session_cookie
from bench.load_data.packages import scorm_activity
from courses.selectors import path_outline
from learners.learning.models import ActivityCompletion, Enrolment, PackageAttempt

Status = Enrolment.Status
AGENTS = 25  # agents playing the module at once, the timed commits go round them
SUSPEND_DATA = ("2a1b0c3d" * 128)[:1024]  # what authoring tools store: an opaque kilobyte


def post_json(path: str, cookies: dict, body: dict) -> tuple[int, bytes]:
    """POST JSON to the campus's WSGI application as gunicorn calls it (the commit endpoint's
    `fetch`: session cookie, CSRF cookie and `X-CSRFToken`): (status code, body)."""
    cookies = {settings.CSRF_COOKIE_NAME: CSRF_SECRET, **cookies}
    data = json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "HTTP_X_CSRFTOKEN": CSRF_SECRET,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    # As `bench.completion.post`: no connection check inside the tests' transaction.
    in_transaction = connection.in_atomic_block
    if in_transaction:
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
    try:
        response = _application()(environ, start_response)
        content = b"".join(response)
        response.close()
    finally:
        if in_transaction:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
    return answer["status"], content


def typical_cmi(number: int) -> dict:
    """A SCORM 1.2 commit while the module is being played (not completing it)."""
    return {
        "cmi.core.lesson_status": "incomplete",
        "cmi.core.lesson_location": f"page-{number % 40 + 1}",
        "cmi.core.exit": "suspend",
        "cmi.core.session_time": f"00:{number // 60 % 60:02d}:{number % 60:02d}",
        "cmi.suspend_data": SUSPEND_DATA,
    }


class Player:
    """Agents playing the SCORM activity: each call is the next commit of the next agent."""

    def __init__(self, activity, enrolments):
        self.url = reverse("package_commit", args=[activity.pk])
        self.sco = activity.package.sco_identifiers[0]
        self.agents = []
        for enrolment in enrolments:
            _cookie, session = session_cookie(enrolment.user)
            self.agents.append({"session": session, "attempt": str(uuid.uuid4()), "sequence": 0})
        self.position = 0
        self.extra = {}  # further elements sent with the next commits

    def commit_of(self, agent: dict) -> None:
        agent["sequence"] += 1
        body = {
            "sco": self.sco,
            "sequence": agent["sequence"],
            "attempt": agent["attempt"],
            "cmi": {**typical_cmi(agent["sequence"]), **self.extra},
        }
        status, content = post_json(
            self.url, {settings.SESSION_COOKIE_NAME: agent["session"]}, body
        )
        if status != 200 or not json.loads(content).get("applied"):
            raise RuntimeError(f"Commit answered {status}: {content[:300]!r}")

    def open_all(self) -> None:
        for agent in self.agents:
            self.commit_of(agent)

    def commit(self) -> None:
        agent = self.agents[self.position % len(self.agents)]
        self.position += 1
        self.commit_of(agent)


def _players(path) -> tuple[list, list]:
    """Enrolled agents of the SCORM path: those playing, and two others (query counts)."""
    enrolments = list(
        Enrolment.objects.filter(path=path, status__in=[Status.ENROLLED, Status.IN_PROGRESS])
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    if len(enrolments) < 3:
        raise RuntimeError("The SCORM path has fewer than 3 enrolled agents.")
    return enrolments[:AGENTS], (enrolments[AGENTS : AGENTS + 2] or enrolments[-2:])


def objectives(count: int) -> dict:
    """What a module with `count` objectives has committed by the end (2 elements each)."""
    cmi = {}
    for number in range(count):
        cmi[f"cmi.objectives.{number}.id"] = f"objectif-{number + 1}"
        cmi[f"cmi.objectives.{number}.status"] = "passed"
    return cmi


def run(ctx) -> Result:
    activity = scorm_activity()
    if activity is None:
        raise RuntimeError(
            "No SCORM activity in the load data: generate the campus again (make bench)."
        )
    path = activity.get_parent().get_parent().specific
    settings_ = ctx.settings
    per_side = 1 + settings_.rounds * settings_.iterations
    playing, counted = _players(path)
    pairs = candidates(ctx, per_side)
    users = [user.pk for user, _a, _d in pairs]
    snapshot = list(Enrolment.objects.filter(path=ctx.learner_path, user__in=users))
    snapshot += list(Enrolment.objects.filter(path=path))
    top = ActivityCompletion.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    attempts_before = set(
        PackageAttempt.objects.filter(activity_id=activity.pk).values_list("pk", flat=True)
    )
    sessions_before = set(Session.objects.values_list("session_key", flat=True))
    try:
        player = Player(activity, playing)
        player.open_all()  # each agent's first commit creates its attempt (not timed)
        completion_side = Recorder(ctx, pairs)
        player.commit()  # warm-up
        completion_side.campus()
        campus, baseline = [], []
        for _ in range(settings_.rounds):
            baseline.append(timed(completion_side.campus, settings_.iterations))
            campus.append(timed(player.commit, settings_.iterations))
        stored = PackageAttempt.objects.filter(activity_id=activity.pk).exclude(
            pk__in=attempts_before
        )
        sequences = dict(stored.values_list("user_id", "sequence"))
        completions = ActivityCompletion.objects.filter(pk__gt=top, path=path).count()
        # Query counts of a commit in steady state: the attempt holding the 5 elements of a
        # typical commit, then 200 more (100 objectives).
        queries = []
        for enrolment, extra in zip(counted, (0, 100), strict=False):
            single = Player(activity, [enrolment])
            single.open_all()
            if extra:
                single.extra = objectives(extra)
                single.commit()
                single.extra = {}
            queries.append(count_queries(single.commit))
    finally:
        PackageAttempt.objects.filter(activity_id=activity.pk).exclude(
            pk__in=attempts_before
        ).delete()
        ActivityCompletion.objects.filter(pk__gt=top).delete()
        Enrolment.objects.bulk_update(snapshot, ENROLMENT_FIELDS)
        Session.objects.exclude(session_key__in=sessions_before).delete()
    expected = sum(agent["sequence"] for agent in player.agents)
    applied = sum(sequences.get(enrolment.user_id, 0) for enrolment in playing)
    return Result(
        key="scorm_commit",
        title=(
            "SCORM runtime commit (JSON POST, 1 KB suspend_data, whole middleware stack) "
            "vs the lesson completion POST"
        ),
        unit="ms",
        campus=campus,
        baseline=baseline,
        goal=1.5,
        queries=tuple(queries),
        sizes=("attempt with 5 elements", "attempt with 205 elements (100 objectives)"),
        checks={
            f"{applied} of {expected} commits applied in order": applied == expected,
            "no completion recorded by a progress commit": completions == 0,
        },
        notes=[
            f"package {activity.package.title!r} ({activity.package.get_kind_display()}), "
            f"{len(path_outline(path).activities)} activities in its path, "
            f"{len(player.agents)} agents playing in turn",
        ],
    )
