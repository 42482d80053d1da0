"""Demo progress (`manage.py create_demo`, after the catalogue): enrolments, completions, quiz
attempts and session registrations, so that "Mon espace" and the manager's reports have data.

- the demo agent (agent@campus.example) is enrolled in one e-learning path, part-way through it,
  so they can finish it in the browser;
- the 200 demo agents have 0 to 4 enrolments each with varied progress (some completed);
- the catalogue's "nearly full" session gets six confirmed registrations.

Rows are bulk-inserted (no e-mails) and looked up by (agent, path): running it twice changes
nothing. Random choices are seeded, so every machine gets the same campus.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from courses.demo import NEARLY_FULL_PATH, nearly_full_session
from courses.models import TrainingPathPage
from courses.selectors import path_outline
from learners.accounts.models import User
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.learning.selectors import percent
from learners.learning.services.quizzes import quiz_rules
from learners.sessions.models import SessionRegistration

DEMO_AGENT_PATH = "les-fondamentaux-de-l-hygiene-numerique"
DEMO_AGENT_DONE = 2  # activities completed by the demo agent
NEARLY_FULL_SEATS_TAKEN = 6
# Share of the path's activities done, for each enrolment of the 200 agents.
SHARES = [0, 0, 0.25, 0.5, 0.5, 0.75, 1, 1, 1]


def _completable(outline) -> list:
    """Activities an agent can complete on their own (sessions need a trainer's attendance)."""
    return [a for a in outline.activities if a.kind != "session"]


def _answers_for(quiz_id: int, cache: dict) -> dict:
    if quiz_id not in cache:
        from courses.models import QuizPage

        rules = quiz_rules(QuizPage.objects.get(pk=quiz_id))
        cache[quiz_id] = {str(pk): sorted(rule.correct_ids) for pk, rule in rules.items()}
    return cache[quiz_id]


class _Plan:
    """Rows to insert: enrolments first, then what refers to them."""

    def __init__(self):
        self.enrolments: list[Enrolment] = []
        self.completions: list[ActivityCompletion] = []
        self.attempts: list[tuple[Enrolment, QuizAttempt]] = []

    def add(self, user, path, outline, share: float, enrolled_at, answers_cache) -> None:
        activities = _completable(outline)
        done = activities[: round(len(activities) * share)]
        if share >= 1:  # a completed path: every required activity, sessions included
            done = [a for a in outline.activities if a.required or a in activities]
        required = outline.required_activity_ids
        done_required = sum(1 for a in done if a.id in required)
        completed = bool(required) and done_required >= len(required)
        when = enrolled_at
        step = datetime.timedelta(days=1, hours=2)
        for activity in done:
            when += step
            self.completions.append(
                ActivityCompletion(
                    user=user,
                    activity_id=activity.id,
                    path=path,
                    duration_minutes=activity.duration_minutes,
                    completed_at=when,
                )
            )
        status = Enrolment.Status.ENROLLED
        if done:
            status = Enrolment.Status.COMPLETED if completed else Enrolment.Status.IN_PROGRESS
        enrolment = Enrolment(
            user=user,
            path=path,
            status=status,
            enrolled_at=enrolled_at,
            started_at=enrolled_at + step if done else None,
            completed_at=when if completed else None,
            last_activity_at=when,
            progress_percent=100 if completed else percent(done_required, len(required)),
            completed_minutes=sum(a.duration_minutes for a in done),
        )
        self.enrolments.append(enrolment)
        for activity in done:
            if activity.kind == "quiz":
                attempt = QuizAttempt(
                    user=user,
                    quiz_id=activity.id,
                    answers=_answers_for(activity.id, answers_cache),
                    score=100,
                    correct_count=len(_answers_for(activity.id, answers_cache)),
                    question_count=len(_answers_for(activity.id, answers_cache)),
                    passed=True,
                    submitted_at=enrolled_at + step,
                )
                self.attempts.append((enrolment, attempt))

    def save(self) -> None:
        Enrolment.objects.bulk_create(self.enrolments, ignore_conflicts=True)
        ActivityCompletion.objects.bulk_create(self.completions, ignore_conflicts=True)
        ids = {
            (user_id, path_id): pk
            for pk, user_id, path_id in Enrolment.objects.filter(
                user__in={e.user_id for e in self.enrolments}
            ).values_list("pk", "user_id", "path_id")
        }
        for enrolment, attempt in self.attempts:
            attempt.enrolment_id = ids[(enrolment.user_id, enrolment.path_id)]
        QuizAttempt.objects.bulk_create([attempt for _, attempt in self.attempts])


@transaction.atomic
def create_progress(accounts: dict) -> None:
    """Enrolments and progress of the demo agents (idempotent)."""
    paths = list(TrainingPathPage.objects.live().order_by("path"))
    if not paths:
        return
    outlines = {path.pk: path_outline(path) for path in paths}
    existing = set(Enrolment.objects.values_list("user_id", "path_id"))
    now = timezone.now()
    rng = random.Random(2026)
    answers_cache: dict = {}
    plan = _Plan()

    agent = accounts.get("agent")
    demo_path = next((p for p in paths if p.slug == DEMO_AGENT_PATH), paths[0])
    if agent is not None and (agent.pk, demo_path.pk) not in existing:
        outline = outlines[demo_path.pk]
        share = DEMO_AGENT_DONE / max(len(_completable(outline)), 1)
        plan.add(
            agent,
            demo_path,
            outline,
            min(share, 0.9),
            now - datetime.timedelta(days=9),
            answers_cache,
        )

    agents = User.objects.filter(email__startswith="agent-", email__endswith="@campus.example")
    for user in agents.order_by("email"):
        for path in rng.sample(paths, k=rng.randint(0, 4)):
            share = rng.choice(SHARES)
            enrolled_at = now - datetime.timedelta(
                days=rng.randint(15, 240), hours=rng.randint(0, 9)
            )
            if (user.pk, path.pk) not in existing:
                plan.add(user, path, outlines[path.pk], share, enrolled_at, answers_cache)
    plan.save()
    _fill_nearly_full_session(paths, now)


def _fill_nearly_full_session(paths, now) -> None:
    session = nearly_full_session()
    path = next((p for p in paths if p.slug == NEARLY_FULL_PATH), None)
    if session is None or path is None:
        return
    taken = SessionRegistration.objects.filter(session=session).confirmed().count()
    if taken >= NEARLY_FULL_SEATS_TAKEN:
        return
    agents = list(
        User.objects.filter(email__startswith="agent-", email__endswith="@campus.example")
        .exclude(session_registrations__session=session)
        .order_by("email")[: NEARLY_FULL_SEATS_TAKEN - taken]
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(user=user, path=path, status=Enrolment.Status.ENROLLED, enrolled_at=now)
            for user in agents
        ],
        ignore_conflicts=True,
    )
    SessionRegistration.objects.bulk_create(
        [
            SessionRegistration(
                user=user,
                session=session,
                status=SessionRegistration.Status.CONFIRMED,
                created_at=now,
                registered_at=now,
            )
            for user in agents
        ],
        ignore_conflicts=True,
    )
