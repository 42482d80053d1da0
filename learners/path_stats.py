"""Statistics of the published training paths, for the people who build them (trainers,
reviewers, administrators): aggregated figures only, never an agent's name.

Every function answers in a constant number of queries, whatever the number of paths, agents
or quiz attempts (asserted in tests/learners/test_admin_path_statistics.py).

Rules, also shown on the pages:
- "inscrits" counts every agent who enrolled in the path, abandons included: the completion
  rate and the share of agents who completed an activity are taken over all of them;
- the average progress is that of every enrolment (an abandoned one keeps where it stopped);
- certificates issued count every certificate of the path, renewals and revoked ones included;
- a question's rate of right answers is taken over the attempts that answered it (a question
  added after some attempts is not counted against them), scored as the quiz scores it
  (`services.quizzes.is_right`).
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
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

from .models import ActivityCompletion, Certificate, Enrolment, QuizAttempt
from .selectors import percent
from .services.quizzes import is_right, rules_of_quizzes

Status = Enrolment.Status

# The orderings the index offers (`?ordering=`), the first one by default.
ORDERINGS = ("title", "-title", "completion_rate", "-completion_rate")


def _enrolments(**filters):
    """The enrolments of the path of the outer query, with `filters`."""
    return Enrolment.objects.filter(path=OuterRef("pk"), **filters).order_by().values("path")


def _count(rows) -> Coalesce:
    """The number of `rows` (a queryset correlated to the path), 0 when there are none."""
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def paths_with_figures() -> QuerySet[TrainingPathPage]:
    """Live paths, each annotated with `enrolled`, `in_progress`, `completed`, `abandoned`,
    `average_progress` (None without enrolment), `certificates_issued` and `completion_rate`
    (whole percentage rounded down, None without enrolment), in one query.

    Each figure is a subquery on the path's own rows (index `learners_enrol_path_status`), not a
    join grouped by path: sorted by title, the database computes them for the page shown only,
    and counting the paths for the paginator does not compute them at all.
    """
    average = _enrolments().annotate(average=Avg("progress_percent")).values("average")
    certificates = Certificate.objects.filter(path=OuterRef("pk")).order_by().values("path")
    return (
        TrainingPathPage.objects.live()
        .annotate(
            enrolled=_count(_enrolments()),
            in_progress=_count(_enrolments(status=Status.IN_PROGRESS)),
            completed=_count(_enrolments(status=Status.COMPLETED)),
            abandoned=_count(_enrolments(status=Status.ABANDONED)),
            average_progress=Subquery(average, output_field=FloatField()),
            certificates_issued=_count(certificates),
        )
        .annotate(
            completion_rate=Case(
                When(enrolled=0, then=Value(None)),
                default=F("completed") * 100 / F("enrolled"),
                output_field=IntegerField(),
            )
        )
    )


def ordered(paths: QuerySet[TrainingPathPage], ordering: str) -> QuerySet[TrainingPathPage]:
    """`paths_with_figures()` in one of ORDERINGS (paths without enrolment last by rate)."""
    if ordering not in ORDERINGS:
        ordering = ORDERINGS[0]
    descending = ordering.startswith("-")
    name = ordering.lstrip("-")
    if name == "completion_rate":
        rate = F("completion_rate")
        first = rate.desc(nulls_last=True) if descending else rate.asc(nulls_last=True)
        return paths.order_by(first, "title", "pk")
    return paths.order_by(F("title").desc() if descending else F("title").asc(), "pk")


def path_with_figures(path_id: int) -> TrainingPathPage | None:
    """The live path with this id and its key figures (one query), or None."""
    return paths_with_figures().filter(pk=path_id).first()


# Detail of one path -----------------------------------------------------------------------


@dataclass
class ActivityFigures:
    activity: OutlineActivity
    module_title: str
    completions: int
    enrolled: int

    @property
    def completion_rate(self) -> int | None:
        return percent(self.completions, self.enrolled) if self.enrolled else None


@dataclass
class QuestionFigures:
    number: int
    text: str
    answers: int = 0
    right: int = 0

    @property
    def right_rate(self) -> int | None:
        return percent(self.right, self.answers) if self.answers else None


@dataclass
class QuizFigures:
    activity: OutlineActivity
    attempts: int = 0
    passed: int = 0
    average_score: int | None = None
    questions: list[QuestionFigures] = field(default_factory=list)

    @property
    def pass_rate(self) -> int | None:
        return percent(self.passed, self.attempts) if self.attempts else None


@dataclass
class PathStatistics:
    path: TrainingPathPage  # annotated by `paths_with_figures`
    activities: list[ActivityFigures]
    quizzes: list[QuizFigures]


def path_statistics(path: TrainingPathPage) -> PathStatistics:
    """Per activity of the published outline, in order: completions; per quiz: attempts, pass
    rate, average score and the rate of right answers of each question.

    Constant number of queries (outline 3, completions 1, attempts 1, questions 3, answers 1),
    whatever the number of agents and attempts: the answers are read by ONE query, streamed with
    `.iterator(chunk_size=2000)` and tallied in Python, so memory stays bounded by the number of
    questions, not of attempts. `path` comes from `path_with_figures`.
    """
    outline = path_outline(path)
    completions = dict(
        ActivityCompletion.objects.filter(path=path)
        .order_by()
        .values("activity_id")
        .annotate(count=Count("pk"))
        .values_list("activity_id", "count")
    )
    activities = [
        ActivityFigures(
            activity=activity,
            module_title=module.title,
            completions=completions.get(activity.id, 0),
            enrolled=path.enrolled,
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
        _add_attempt_figures(quizzes)
        _add_question_figures(quizzes)
    return PathStatistics(path=path, activities=activities, quizzes=list(quizzes.values()))


def _add_attempt_figures(quizzes: dict[int, QuizFigures]) -> None:
    rows = (
        QuizAttempt.objects.filter(quiz_id__in=list(quizzes))
        .order_by()
        .values("quiz_id")
        .annotate(
            attempts=Count("pk"),
            passed=Count("pk", filter=Q(passed=True)),
            average_score=Avg("score"),
        )
    )
    for row in rows:
        quiz = quizzes[row["quiz_id"]]
        quiz.attempts, quiz.passed = row["attempts"], row["passed"]
        # Half up, as the index rounds the average progress (`floatformat`).
        quiz.average_score = math.floor(float(row["average_score"]) + 0.5)


def _add_question_figures(quizzes: dict[int, QuizFigures]) -> None:
    rules = rules_of_quizzes(quizzes)
    questions: dict[int, QuestionFigures] = {}
    numbers: dict[int, int] = defaultdict(int)
    texts = QuizQuestion.objects.filter(quiz_id__in=list(quizzes)).order_by(
        "quiz_id", "sort_order", "pk"
    )
    for pk, quiz_id, text in texts.values_list("pk", "quiz_id", "text"):
        numbers[quiz_id] += 1
        questions[pk] = QuestionFigures(number=numbers[quiz_id], text=text)
        quizzes[quiz_id].questions.append(questions[pk])
    answers = QuizAttempt.objects.filter(quiz_id__in=list(quizzes)).values_list(
        "quiz_id", "answers"
    )
    for quiz_id, answered in answers.order_by().iterator(chunk_size=2000):
        for question_id, question in rules.get(quiz_id, {}).items():
            chosen = answered.get(str(question_id))
            figures = questions.get(question_id)
            if chosen is None or figures is None:
                continue
            figures.answers += 1
            figures.right += is_right(question, frozenset(chosen))
