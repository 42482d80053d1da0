"""Before publication: what a catalogue page needs to be published, and the messages when it
lacks it. (What happens after a publication is `courses.publication_effects`.)

Checked in three places, so that no route publishes an incomplete path or quiz:
- the admin form (`CatalogPageForm`) when a page is published, submitted for review, or
  approved in the editor: the trainer sees every message at once;
- `TrainingPathPage.publish()` / `QuizPage.publish()` for the routes that skip the form
  (approval from the dashboard, scheduled publishing, scripts): `PublicationBlocked` is raised,
  and `courses.middleware` turns it into a message on the page's edit view.

This module holds the rules and imports no page model: a page type that has rules defines
`publication_errors()`, which reads what the rules need (`TrainingPathPage`, `QuizPage`) and
calls them; `publication_errors(page)` asks the page, and any other page has no rule.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from courses.choices import QuestionKind


class PublicationBlocked(ValidationError):
    """The page cannot be published; `messages` says why, in French."""

    def __init__(self, messages, *, page_id: int | None = None):
        super().__init__(messages)
        self.page_id = page_id


@dataclass(frozen=True)
class QuestionDraft:
    """The parts of a quiz question that decide whether the quiz can be published."""

    text: str
    kind: str
    answers: tuple[bool, ...]  # is_correct of each proposed answer, in order


# Pages that will be live once their path is published: already live, or never published yet
# (those are published with their path, see `courses.publication_effects.publish_new_descendants`).
PUBLISHABLE = Q(live=True) | Q(first_published_at__isnull=True)


def quiz_errors(title: str, questions: Iterable[QuestionDraft]) -> list[str]:
    questions = list(questions)
    if not questions:
        return [_("Le quiz « %(title)s » n’a aucune question.") % {"title": title}]
    errors = []
    for question in questions:
        label = Truncator(question.text).chars(60)
        correct = sum(question.answers)
        if correct == 0:
            errors.append(
                _("La question « %(question)s » n’a pas de bonne réponse.") % {"question": label}
            )
        elif question.kind != QuestionKind.MULTIPLE and correct > 1:
            errors.append(
                _("La question « %(question)s » n’accepte qu’une seule bonne réponse.")
                % {"question": label}
            )
        if question.kind == QuestionKind.TRUE_FALSE and len(question.answers) != 2:
            errors.append(
                _(
                    "La question « %(question)s » (vrai ou faux) doit proposer exactement deux "
                    "réponses."
                )
                % {"question": label}
            )
        elif len(question.answers) < 2:
            errors.append(
                _("La question « %(question)s » doit proposer au moins deux réponses.")
                % {"question": label}
            )
    return errors


def quiz_errors_for_instance(quiz) -> list[str]:
    """Checks a quiz from its (possibly in-memory, e.g. revision) questions and choices."""
    questions = [
        QuestionDraft(
            text=question.text,
            kind=question.kind,
            answers=tuple(choice.is_correct for choice in question.choices.all()),
        )
        for question in quiz.questions.all()
    ]
    return quiz_errors(quiz.title, questions)


def path_errors(
    title: str, *, saved: bool, has_required_activity: bool = False, new_quizzes: Iterable = ()
) -> list[str]:
    """A path needs a module with at least one required activity; its new quizzes must be valid.

    `has_required_activity`: a module that will be live has a required lesson, quiz or session
    (see `PUBLISHABLE`); `new_quizzes`: the path's quizzes never published, published with it.
    """
    if not saved:
        return [
            _("Ajoutez au moins un module contenant une activité obligatoire avant de publier.")
        ]
    errors = []
    if not has_required_activity:
        errors.append(
            _(
                "Le parcours « %(title)s » doit contenir au moins un module avec une activité "
                "obligatoire (leçon, quiz ou session) avant d’être publié."
            )
            % {"title": title}
        )
    for quiz in new_quizzes:
        errors.extend(quiz_errors_for_instance(quiz))
    return errors


def publication_errors(page) -> list[str]:
    """Why `page` (a specific page, possibly built from a revision) cannot be published: its
    type's rules (`page.publication_errors()`), none for a page type without rules."""
    check = getattr(page, "publication_errors", None)
    return check() if check is not None else []


def ensure_publishable(page) -> None:
    errors = publication_errors(page)
    if errors:
        raise PublicationBlocked(errors, page_id=page.pk)


def removed_session_error(session) -> str:
    """A session with registrations is never deleted: it is cancelled, which tells its agents."""
    start = timezone.localtime(session.start).strftime("%d/%m/%Y à %H:%M")
    return _(
        "La session du %(start)s a des inscrits : elle ne peut pas être supprimée. Annulez-la "
        "depuis la page « Présences » de la session (les inscrits sont prévenus), ou "
        "modifiez-la (ils sont prévenus du changement)."
    ) % {"start": start}
