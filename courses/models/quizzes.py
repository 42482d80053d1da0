"""Quizzes: questions and choices edited inline; correct answers stay on the server.

Templates receive `QuizPage.questions_for_display()`, which carries no `is_correct`; scoring
(in `learners`) uses `QuizPage.answer_key()`.
"""

import random
from dataclasses import dataclass

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks.basics import RICH_TEXT_FEATURES
from courses.choices import QuestionKind
from courses.forms import QuizPageForm
from courses.models.activities import ActivityPage
from courses.publication_checks import ensure_publishable, quiz_errors_for_instance


@dataclass(frozen=True)
class DisplayedChoice:
    id: int
    text: str


@dataclass(frozen=True)
class DisplayedQuestion:
    """A question as the browser may see it: no correct answer, no explanation."""

    id: int
    number: int
    text: str
    kind: str
    choices: tuple[DisplayedChoice, ...]

    @property
    def allows_several_answers(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE


class QuizPage(ActivityPage):
    """A quiz: single choice, multiple choice and true/false questions with explanations."""

    activity_kind = "quiz"

    intro = RichTextField(_("consigne"), blank=True, features=RICH_TEXT_FEATURES)
    pass_mark = models.PositiveSmallIntegerField(
        _("score de réussite (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("nombre de tentatives"), default=0, help_text=_("0 : tentatives illimitées.")
    )
    shuffle_questions = models.BooleanField(_("mélanger les questions"), default=False)

    content_panels = [
        *Page.content_panels,
        *ActivityPage.activity_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("pass_mark"),
                        FieldPanel("attempts_allowed"),
                        FieldPanel("shuffle_questions"),
                    ]
                )
            ],
            heading=_("Règles"),
        ),
        InlinePanel("questions", label=_("question"), heading=_("Questions")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = QuizPageForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quiz")

    def questions_for_display(self, *, shuffle: bool | None = None) -> list[DisplayedQuestion]:
        """The questions and their choices without answers (two queries on a saved quiz)."""
        questions = list(self.questions.all().prefetch_related("choices"))
        if shuffle if shuffle is not None else self.shuffle_questions:
            random.shuffle(questions)
        return [
            DisplayedQuestion(
                id=question.pk,
                number=number,
                text=question.text,
                kind=question.kind,
                choices=tuple(DisplayedChoice(c.pk, c.text) for c in question.choices.all()),
            )
            for number, question in enumerate(questions, start=1)
        ]

    def answer_key(self) -> dict[int, frozenset[int]]:
        """{question id: ids of its correct choices}, for scoring on the server only."""
        key: dict[int, set[int]] = {question.pk: set() for question in self.questions.all()}
        correct = QuizChoice.objects.filter(question__quiz=self, is_correct=True)
        for question_id, choice_id in correct.values_list("question_id", "pk"):
            key.setdefault(question_id, set()).add(choice_id)
        return {question_id: frozenset(ids) for question_id, ids in key.items()}

    def publication_errors(self) -> list[str]:
        """Why the quiz cannot be published (`courses.publication_checks`)."""
        return quiz_errors_for_instance(self)

    def publish(self, revision, *args, **kwargs):
        ensure_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["questions"] = self.questions_for_display()
        return context


class QuizQuestion(Orderable, ClusterableModel):
    quiz = ParentalKey(QuizPage, related_name="questions", on_delete=models.CASCADE)
    text = models.TextField(_("question"))
    kind = models.CharField(
        _("type"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    explanation = models.TextField(
        _("explication"), help_text=_("Affichée à l’agent après sa réponse.")
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        InlinePanel(
            "choices",
            label=_("réponse"),
            heading=_("Réponses proposées"),
            help_text=_(
                "Cochez la ou les bonnes réponses. Vrai ou faux : deux réponses, « Vrai » et "
                "« Faux »."
            ),
        ),
        FieldPanel("explanation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]


class QuizChoice(Orderable):
    question = ParentalKey(QuizQuestion, related_name="choices", on_delete=models.CASCADE)
    text = models.CharField(_("réponse"), max_length=500)
    is_correct = models.BooleanField(_("bonne réponse"), default=False)

    panels = [FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")])]

    class Meta(Orderable.Meta):
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self) -> str:
        return self.text
