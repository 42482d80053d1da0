"""Statistics of the published training paths, for the people who build them (trainers,
reviewers, administrators): aggregated figures only, never an agent's name.

Every function answers in a constant number of queries, whatever the number of paths, agents
or quiz attempts (asserted in tests/learners/test_admin_path_statistics.py).

Rules, also shown on the pages
(learners/templates/learners/stats/admin/_path_statistics_rules.html):
- "inscrits" counts every agent who enrolled in the path, abandons included: the completion
  rate and the share of agents who completed an activity are taken over all of them;
- the average progress is that of every enrolment (an abandoned one keeps where it stopped);
- certificates issued count every certificate of the path, renewals and revoked ones included;
- a question's rate of right answers is taken over the attempts that answered it (a question
  added after some attempts is not counted against them), scored as the quiz scores it
  (`services.quizzes.is_right`);
- a rate or an average drawn from fewer than `settings.PATH_STATISTICS_MIN_COUNT` agents is
  withheld (None, and `withheld` set), here and not only in the templates, so that no consumer
  shows one person's answers: a path's completion rate and average progress and an activity's
  share below that many enrolled agents, a quiz's pass rate and average score below that many
  agents who attempted it, a question's rate below that many agents who answered it. Agents,
  not attempts: five attempts of one agent are still that agent's answers. Counts stay shown;
- the detail of a path is cached `CACHE_SECONDS` (`path_statistics`); publishing the path
  retires its entry at once.
"""

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from courses.models import QuizQuestion, TrainingPathPage
from courses.selectors import OutlineActivity, path_outline
from learners.certification.models import Certificate
from learners.learning.models import ActivityCompletion, Enrolment, PackageAttempt, QuizAttempt
from learners.learning.selectors import percent
from learners.learning.services.quizzes import is_right, rules_of_quizzes

Status = Enrolment.Status

# The orderings the index offers (`?ordering=`), the first one by default.
ORDERINGS = ("title", "-title", "completion_rate", "-completion_rate")

# How long the detail of a path is reused (the pages say "5 minutes au plus").
CACHE_SECONDS = 300


def minimum_count() -> int:
    """The number of agents below which rates and averages are withheld."""
    return settings.PATH_STATISTICS_MIN_COUNT


def _enrolments(**filters):
    """The enrolments of the path of the outer query, with `filters`."""
    return Enrolment.objects.filter(path=OuterRef("pk"), **filters).order_by().values("path")


def _count(rows) -> Coalesce:
    """The number of `rows` (a queryset correlated to the path), 0 when there are none."""
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _with_figures(paths: QuerySet[TrainingPathPage]) -> QuerySet[TrainingPathPage]:
    minimum = minimum_count()
    # Without enrolment there is no rate (None, not withheld); below the minimum, one is withheld.
    no_rate = Q(enrolled__lt=max(minimum, 1))
    average = _enrolments().annotate(average=Avg("progress_percent")).values("average")
    certificates = Certificate.objects.filter(path=OuterRef("pk")).order_by().values("path")
    return paths.annotate(
        enrolled=_count(_enrolments()),
        in_progress=_count(_enrolments(status=Status.IN_PROGRESS)),
        completed=_count(_enrolments(status=Status.COMPLETED)),
        abandoned=_count(_enrolments(status=Status.ABANDONED)),
        certificates_issued=_count(certificates),
    ).annotate(
        figures_withheld=Case(
            When(Q(enrolled__gt=0, enrolled__lt=minimum), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        completion_rate=Case(
            When(no_rate, then=Value(None)),
            default=F("completed") * 100 / F("enrolled"),
            output_field=IntegerField(),
        ),
        average_progress=Case(
            When(no_rate, then=Value(None)),
            default=Subquery(average, output_field=FloatField()),
            output_field=FloatField(),
        ),
    )


def paths_with_figures() -> QuerySet[TrainingPathPage]:
    """Live paths, each annotated with `enrolled`, `in_progress`, `completed`, `abandoned`,
    `certificates_issued`, `completion_rate` (whole percentage rounded down) and
    `average_progress`, in one query. Both are None without enrolment, and also below
    `minimum_count()` enrolled agents, then with `figures_withheld` set.

    Each figure is a subquery on the path's own rows (index `learners_enrol_path_status`), not a
    join grouped by path: sorted by title, the database computes them for the page shown only,
    and counting the paths for the paginator does not compute them at all. Sorted by rate, the
    withheld ones come last with the paths without enrolment, in no telling order.
    """
    return _with_figures(TrainingPathPage.objects.live())


def ordered(paths: QuerySet[TrainingPathPage], ordering: str) -> QuerySet[TrainingPathPage]:
    """`paths_with_figures()` in one of ORDERINGS (paths without rate last by rate)."""
    if ordering not in ORDERINGS:
        ordering = ORDERINGS[0]
    descending = ordering.startswith("-")
    name = ordering.lstrip("-")
    if name == "completion_rate":
        rate = F("completion_rate")
        first = rate.desc(nulls_last=True) if descending else rate.asc(nulls_last=True)
        return paths.order_by(first, "title", "pk")
    return paths.order_by(F("title").desc() if descending else F("title").asc(), "pk")


def live_path(path_id: int) -> TrainingPathPage | None:
    """The live path with this id (one query), or None."""
    return TrainingPathPage.objects.live().filter(pk=path_id).first()


# Detail of one path -----------------------------------------------------------------------


@dataclass
class PathFigures:
    """The key figures of a path, as `paths_with_figures` annotates them."""

    enrolled: int
    in_progress: int
    completed: int
    abandoned: int
    certificates_issued: int
    completion_rate: int | None
    average_progress: float | None
    withheld: bool


FIGURES = (
    "enrolled",
    "in_progress",
    "completed",
    "abandoned",
    "certificates_issued",
    "completion_rate",
    "average_progress",
)


@dataclass
class ActivityFigures:
    activity: OutlineActivity
    module_title: str
    completions: int
    completion_rate: int | None  # share of the enrolled agents
    withheld: bool = False


@dataclass
class QuestionFigures:
    number: int
    text: str
    answers: int = 0
    right: int | None = None
    right_rate: int | None = None
    withheld: bool = False


@dataclass
class QuizFigures:
    activity: OutlineActivity
    attempts: int = 0
    passed: int | None = None
    pass_rate: int | None = None
    average_score: int | None = None
    withheld: bool = False
    questions: list[QuestionFigures] = field(default_factory=list)


@dataclass
class PackageFigures:
    """A SCORM or H5P activity: agents who started it, and their average score (the mean of
    the scaled scores its parts reported, as a percentage)."""

    activity: OutlineActivity
    agents: int = 0
    average_score: int | None = None
    withheld: bool = False


@dataclass
class PathStatistics:
    """The figures of one path at one moment: plain data, cached as a whole."""

    figures: PathFigures
    activities: list[ActivityFigures]
    quizzes: list[QuizFigures]
    packages: list[PackageFigures] = field(default_factory=list)


def _withheld(agents: int, minimum: int) -> bool:
    return 0 < agents < minimum


def path_statistics(path: TrainingPathPage) -> PathStatistics:
    """The key figures of `path` (a live path, `live_path`); per activity of the published
    outline, in order: completions; per quiz: attempts, pass rate, average score and the rate
    of right answers of each question.

    Cached `CACHE_SECONDS` under the path's last publication (a publication of the path changes
    the key) and the minimum count, so that reading every attempt's answers happens once per
    path and period, not on every view: a hit costs no query. The figures are thus up to
    `CACHE_SECONDS` old, as the pages say. Used inside a transaction too, unlike the
    catalogue's caches: the view runs outside one, and figures read elsewhere before a
    rollback would last `CACHE_SECONDS` at most in a read-only report.
    """
    minimum = minimum_count()
    key = _cache_key(path, minimum)
    statistics = cache.get(key)
    if statistics is None:
        statistics = compute_path_statistics(path, minimum=minimum)
        cache.set(key, statistics, CACHE_SECONDS)
    return statistics


def _cache_key(path: TrainingPathPage, minimum: int) -> str:
    published = path.last_published_at.isoformat() if path.last_published_at else ""
    # Per database, as `courses.catalogue_version`: two campuses sharing a cache server (a
    # staging restored from production) never take each other's figures.
    database = settings.DATABASES["default"]
    where = f"{database.get('HOST', '')}:{database.get('PORT', '')}/{database.get('NAME', '')}"
    version = f"{path.live_revision_id}:{published}:{minimum}"
    digest = hashlib.sha256(f"{where}|{version}".encode()).hexdigest()[:24]
    return f"learners:path-statistics:{path.pk}:{digest}"


def compute_path_statistics(path: TrainingPathPage, *, minimum: int) -> PathStatistics:
    """`path_statistics` without the cache.

    Constant number of queries (key figures 1, outline 4, completions 1, attempts 1, questions
    3, answers 1, package attempts 1 when the path has SCORM or H5P activities), whatever the
    number of agents and attempts: the answers are read by ONE query, streamed with
    `.iterator(chunk_size=2000)` and tallied in Python, so memory stays bounded by the number of
    questions (and `minimum`), not of attempts.
    """
    row = (
        _with_figures(TrainingPathPage.objects.filter(pk=path.pk))
        .values(*FIGURES, "figures_withheld")
        .get()
    )
    figures = PathFigures(**{name: row[name] for name in FIGURES}, withheld=row["figures_withheld"])
    outline = path_outline(path)
    completions = dict(
        ActivityCompletion.objects.filter(path=path)
        .order_by()
        .values("activity_id")
        .annotate(count=Count("pk"))
        .values_list("activity_id", "count")
    )
    # The same rule as the path's completion rate: none without enrolment, withheld below.
    shared = figures.completion_rate is not None
    activities = [
        ActivityFigures(
            activity=activity,
            module_title=module.title,
            completions=completions.get(activity.id, 0),
            completion_rate=(
                percent(completions.get(activity.id, 0), figures.enrolled) if shared else None
            ),
            withheld=figures.withheld,
        )
        for module in outline.modules
        for activity in module.activities
    ]
    quizzes = {
        activity.id: QuizFigures(activity=activity)
        for activity in outline.activities
        if activity.kind == "quiz"
    }
    if quizzes:
        _add_attempt_figures(quizzes, minimum)
        _add_question_figures(quizzes, minimum)
    return PathStatistics(
        figures=figures,
        activities=activities,
        quizzes=list(quizzes.values()),
        packages=_package_figures(outline, minimum),
    )


def _package_figures(outline, minimum: int) -> list[PackageFigures]:
    """Figures of the SCORM and H5P activities (one query; none without such activities)."""
    packages = {
        activity.id: PackageFigures(activity=activity)
        for activity in outline.activities
        if activity.kind in ("scorm", "h5p")
    }
    if not packages:
        return []
    rows = (
        PackageAttempt.objects.filter(activity_id__in=list(packages))
        .order_by()
        .values("activity_id")
        .annotate(agents=Count("user", distinct=True), average=Avg("score_scaled"))
    )
    for row in rows:
        figures = packages[row["activity_id"]]
        figures.agents = row["agents"]
        if _withheld(row["agents"], minimum):
            figures.withheld = True
        elif row["average"] is not None:
            figures.average_score = max(0, math.floor(float(row["average"]) * 100 + 0.5))
    return list(packages.values())


def _add_attempt_figures(quizzes: dict[int, QuizFigures], minimum: int) -> None:
    rows = (
        QuizAttempt.objects.filter(quiz_id__in=list(quizzes))
        .order_by()
        .values("quiz_id")
        .annotate(
            attempts=Count("pk"),
            agents=Count("user", distinct=True),
            passed=Count("pk", filter=Q(passed=True)),
            average_score=Avg("score"),
        )
    )
    for row in rows:
        quiz = quizzes[row["quiz_id"]]
        quiz.attempts = row["attempts"]
        if _withheld(row["agents"], minimum):
            quiz.withheld = True
            continue
        quiz.passed = row["passed"]
        quiz.pass_rate = percent(row["passed"], row["attempts"])
        # Half up, as the index rounds the average progress (`floatformat`).
        quiz.average_score = math.floor(float(row["average_score"]) + 0.5)


@dataclass
class _QuestionTally:
    figures: QuestionFigures
    right: int = 0
    agents: set[int] = field(default_factory=set)  # up to `minimum`: enough to decide


def _add_question_figures(quizzes: dict[int, QuizFigures], minimum: int) -> None:
    rules = rules_of_quizzes(quizzes)
    tallies: dict[int, _QuestionTally] = {}
    numbers: dict[int, int] = defaultdict(int)
    texts = QuizQuestion.objects.filter(quiz_id__in=list(quizzes)).order_by(
        "quiz_id", "sort_order", "pk"
    )
    for pk, quiz_id, text in texts.values_list("pk", "quiz_id", "text"):
        numbers[quiz_id] += 1
        tallies[pk] = _QuestionTally(QuestionFigures(number=numbers[quiz_id], text=text))
        quizzes[quiz_id].questions.append(tallies[pk].figures)
    answers = QuizAttempt.objects.filter(quiz_id__in=list(quizzes)).values_list(
        "quiz_id", "user_id", "answers"
    )
    for quiz_id, user_id, answered in answers.order_by().iterator(chunk_size=2000):
        for question_id, question in rules.get(quiz_id, {}).items():
            chosen = answered.get(str(question_id))
            tally = tallies.get(question_id)
            if chosen is None or tally is None:
                continue
            tally.figures.answers += 1
            tally.right += is_right(question, frozenset(chosen))
            if len(tally.agents) < minimum:
                tally.agents.add(user_id)
    for tally in tallies.values():
        question = tally.figures
        if _withheld(len(tally.agents), minimum):
            question.withheld = True
        elif question.answers:
            question.right = tally.right
            question.right_rate = percent(tally.right, question.answers)
