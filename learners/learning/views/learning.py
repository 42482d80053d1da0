"""The learning view: one activity of a path with the path's outline, progress and actions."""

import datetime
import hashlib
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses import catalogue_version
from courses.models import QuizQuestion
from courses.selectors import path_outline
from learners.accounts import permissions
from learners.common.exceptions import (
    InvalidAnswers,
    LearnerServiceError,
    NotEnrolled,
    NotFound,
)
from learners.common.responses import error_page, not_found, service_error_response
from learners.learning import selectors as learning_selectors
from learners.learning import services
from learners.learning.models import Enrolment, QuizAttempt
from learners.learning.signals import activity_opened

LAST_ACTIVITY_RESOLUTION = datetime.timedelta(minutes=5)
QUIZ_KEYS_SESSION = "learners_quiz_started"
QUIZ_KEYS_KEPT = 20
# {activity kind: function `(request, page) -> dict`} adding what other capabilities show of
# their activities (the sessions of a session module); registered in `LearnersConfig.ready()`.
activity_contexts: dict = {}


def _resolve(request, activity_id: int):
    """(activity, enrolment) or an error response (404 unknown, 403 not enrolled)."""
    activity, error = _resolve_activity(request, activity_id)
    if error:
        return None, None, error
    enrolment = Enrolment.objects.filter(user=request.user, path=activity.path).first()
    if not permissions.may_record_progress(request.user, enrolment):
        return None, None, _not_enrolled(request, activity)
    return activity, enrolment, None


def _resolve_activity(request, activity_id: int):
    """(activity, None) or (None, a 404 response)."""
    try:
        return learning_selectors.resolve_activity(activity_id), None
    except NotFound as error:
        return None, not_found(request, error.message)


def _not_enrolled(request, activity):
    return error_page(
        request,
        status=403,
        title=_("Inscription nécessaire"),
        message=_(
            "Cette activité fait partie du parcours « %(title)s ». Inscrivez-vous au "
            "parcours pour la suivre et enregistrer votre progression."
        )
        % {"title": activity.path.title},
        link=activity.path.get_url(request),
        link_label=_("Voir le parcours"),
    )


def record_last_activity(enrolment, activity_id: int) -> None:
    """Remember the activity the agent opened (the dashboard's "Reprendre", the reports' last
    activity): written when it changes, and on the same one at most every few minutes, so that
    reading a lesson again is not a database write each time."""
    now = timezone.now()
    last = enrolment.last_activity_at
    if (
        enrolment.last_activity_id != activity_id
        or last is None
        or now - last >= LAST_ACTIVITY_RESOLUTION
    ):
        Enrolment.objects.filter(pk=enrolment.pk).update(
            last_activity_id=activity_id, last_activity_at=now
        )
        activity_opened.send(sender=Enrolment, enrolment=enrolment, activity_id=activity_id, at=now)


def _quiz_key(request) -> str:
    """A fresh submission key for the quiz form, remembered with the time the form was shown."""
    key = str(uuid.uuid4())
    started = dict(request.session.get(QUIZ_KEYS_SESSION, {}))
    started[key] = timezone.now().isoformat()
    request.session[QUIZ_KEYS_SESSION] = dict(list(started.items())[-QUIZ_KEYS_KEPT:])
    return key


def _learning_context(request, activity, enrolment) -> dict | None:
    """Everything the learning template shows, in a constant number of queries."""
    user, path, page = request.user, activity.path, activity.page
    outline = path_outline(path, request=request)
    entry = learning_selectors.outline_entry(outline, page.pk)
    if entry is None:  # e.g. its module is not published
        return None
    completed = learning_selectors.completed_activity_ids(user, path)
    progress = learning_selectors.PathProgress(outline, completed)
    # The activity opened now becomes the agent's last one (stored just below).
    states = learning_selectors.outline_states(
        user, path, outline, completed, last_activity_id=page.pk, enrolment=enrolment
    )
    activities = outline.activities
    index = activities.index(entry)
    module = next(m for m in progress.modules if m.module.id == entry.module_id)
    record_last_activity(enrolment, page.pk)
    module_entry = module.module
    # Without the request, as in the cached outline: no look-up of the request's site.
    path_url = path.get_url()
    return {
        "title": page.title,
        "title_is_content": True,
        "breadcrumb": [
            {"label": _("Catalogue"), "url": reverse("catalogue")},
            {"label": path.title, "url": path_url},
            *([{"label": module_entry.title, "url": module_entry.url}] if module_entry.url else []),
        ],
        "page": page,
        "kind": activity.kind,
        "path": path,
        "path_url": path_url,
        "enrolment": enrolment,
        "outline": outline,
        "entry": entry,
        "outline_menu": outline_menu_html(request, path, progress, entry, states),
        "lesson_body": lesson_body_html(request, page) if activity.kind == "lesson" else "",
        "state": states[page.pk],
        "progress": progress,
        "module_progress": module,
        "is_completed": page.pk in completed,
        "previous_activity": activities[index - 1] if index > 0 else None,
        "next_activity": activities[index + 1] if index + 1 < len(activities) else None,
        "previous_url": learning_selectors.learning_url(activities[index - 1].id)
        if index > 0
        else None,
        "next_url": (
            learning_selectors.learning_url(activities[index + 1].id)
            if index + 1 < len(activities)
            else None
        ),
    }


def outline_menu_html(request, path, progress, entry, states: dict) -> str:
    """The path's outline as a side menu, with each activity's state for this agent.

    Cached under a key made of what it shows: the published outline (catalogue version), the
    activity open and the agent's states, so that any progress gives another key.
    """
    digest = hashlib.sha256(repr(sorted(states.items())).encode()).hexdigest()[:32]
    key = f"learners:menu:{get_language()}:{path.pk}:{entry.id}:{digest}"

    def build() -> str:
        menu = [
            {
                "module": module_progress.module,
                "progress": module_progress,
                "current": module_progress.module.id == entry.module_id,
                "items": [
                    {
                        "activity": item,
                        "state": states[item.id],
                        "url": learning_selectors.learning_url(item.id),
                        "current": item.id == entry.id,
                    }
                    for item in module_progress.module.activities
                ],
            }
            for module_progress in progress.modules
        ]
        return render_to_string("learners/learning/includes/outline_menu.html", {"menu": menu})

    return mark_safe(catalogue_version.cached(key, build))  # noqa: S308 - our template's output


def lesson_body_html(request, page) -> str:
    """The lesson's blocks, rendered once per publication (the same for every agent)."""

    def build() -> str:
        # Without the request: nothing of one agent's request may end up in the cache.
        return render_to_string("learners/learning/includes/lesson_body.html", {"page": page})

    key = f"learners:lesson-body:{get_language()}:{page.pk}"
    return mark_safe(catalogue_version.cached(key, build, local=True))  # noqa: S308 - our template's output


def _quiz_context(request, quiz, enrolment, *, selected=None, errors=None) -> dict:
    # Only this certification cycle's attempts: a renewal gives the attempts back.
    attempts = list(learning_selectors.current_cycle_attempts(enrolment).filter(quiz=quiz))
    used = len(attempts)
    left = max(quiz.attempts_allowed - used, 0) if quiz.attempts_allowed else None
    selected, errors = selected or {}, errors or {}
    questions = [
        {
            "question": question,
            "selected": selected.get(question.id, set()),
            "error": errors.get(question.id),
        }
        for question in quiz.questions_for_display()
    ]
    return {
        "questions": questions,
        "attempts": attempts,
        "best_score": max((a.score for a in attempts), default=None),
        "has_passed": any(a.passed for a in attempts),
        "attempts_left": left,
        "may_attempt": left is None or left > 0,
        "has_errors": bool(errors),
        "submission_key": _quiz_key(request),
    }


def _render(request, activity, enrolment, *, status=200, **quiz_state):
    context = _learning_context(request, activity, enrolment)
    if context is None:
        return not_found(request)
    if activity.kind == "quiz":
        context.update(_quiz_context(request, activity.page, enrolment, **quiz_state))
    elif activity.kind in activity_contexts:
        context.update(activity_contexts[activity.kind](request, activity.page))
    return render(request, "learners/learning/learning.html", context, status=status)


@login_required
def learning_activity(request, activity_id: int):
    """Show a lesson, a quiz or a module's sessions, inside the path's outline."""
    activity, enrolment, error = _resolve(request, activity_id)
    if error:
        return error
    return _render(request, activity, enrolment)


@login_required
@require_http_methods(["GET", "POST"])
def complete_lesson(request, activity_id: int):
    """Record "J’ai terminé cette leçon", then go on to the next activity.

    The enrolment is not read here: the service locks and reads it, and refuses an agent who is
    not enrolled (`NotEnrolled`, the same 403 as `_resolve`'s): one query fewer on the campus's
    most frequent write (docs/performance.md)."""
    if request.method == "GET":
        return redirect(learning_selectors.learning_url(activity_id))
    activity, error = _resolve_activity(request, activity_id)
    if error:
        return error
    here = learning_selectors.learning_url(activity_id)
    if activity.kind != "lesson":
        _activity, _enrolment, error = _resolve(request, activity_id)
        if error:
            return error
        messages.error(request, _("Seule une leçon se termine de cette façon."))
        return redirect(here)
    try:
        completion = services.complete_activity(user=request.user, activity=activity.page)
    except NotEnrolled:
        return _not_enrolled(request, activity)
    except LearnerServiceError as error:
        return service_error_response(request, error, back=here)
    messages.success(request, _("Leçon « %(title)s » terminée.") % {"title": activity.page.title})
    if completion.completed_the_path:
        _congratulate_on_completion(request, completion.enrolment, False, fresh=True)
    return redirect(_next_url(request, activity))


def _congratulate_on_completion(request, enrolment, was_completed: bool, fresh=False) -> None:
    """Tell the agent when this action completed the path (`fresh`: `enrolment` is as the
    action left it, no need to read it again)."""
    if not fresh:
        enrolment.refresh_from_db(fields=["status"])
    if enrolment.is_completed and not was_completed:
        congratulation = format_html(
            _("Félicitations : vous avez terminé le parcours « {title} » !"),
            title=enrolment.path.title,
        )
        notes = [note(enrolment) for note in learning_selectors.completion_notes]
        messages.success(
            request,
            format_html_join(" ", "{}", ((text,) for text in [congratulation, *notes] if text)),
        )


def _next_url(request, activity) -> str:
    """The next activity of the path in outline order, or this one when it is the last."""
    outline = path_outline(activity.path, request=request)
    ids = [a.id for a in outline.activities]
    position = ids.index(activity.page.pk) if activity.page.pk in ids else len(ids)
    if position + 1 < len(ids):
        return learning_selectors.learning_url(ids[position + 1])
    return learning_selectors.learning_url(activity.page.pk)


@login_required
@require_http_methods(["GET", "POST"])
def submit_quiz(request, activity_id: int):
    """Score the submitted answers; errors re-display the form with the agent's choices."""
    if request.method == "GET":
        return redirect(learning_selectors.learning_url(activity_id))
    activity, enrolment, error = _resolve(request, activity_id)
    if error:
        return error
    here = learning_selectors.learning_url(activity_id)
    if activity.kind != "quiz":
        return not_found(request)
    quiz = activity.page
    question_ids = list(QuizQuestion.objects.filter(quiz=quiz).values_list("pk", flat=True))
    answers = {pk: request.POST.getlist(f"question-{pk}") for pk in question_ids}
    was_completed = enrolment.is_completed
    key = _submission_key(request.POST.get("submission_key"))
    started = request.session.get(QUIZ_KEYS_SESSION, {}).get(str(key)) if key else None
    try:
        attempt = services.submit_quiz(
            user=request.user,
            quiz=quiz,
            answers=answers,
            started_at=parse_datetime(started) if started else None,
            submission_key=key,
        )
    except InvalidAnswers as invalid:
        errors = invalid.details.get("errors")
        if not errors:
            messages.error(request, invalid.message)
            return redirect(here)
        selected = {pk: {_as_int(v) for v in values} for pk, values in answers.items()}
        messages.error(request, _("Répondez à chaque question avant d’envoyer vos réponses."))
        return _render(request, activity, enrolment, status=400, selected=selected, errors=errors)
    except LearnerServiceError as error:
        return service_error_response(request, error, back=here)
    _congratulate_on_completion(request, enrolment, was_completed)
    return redirect("quiz_attempt", attempt_id=attempt.pk)


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _submission_key(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


@login_required
def quiz_attempt(request, attempt_id: int):
    """The result of one of the agent's own attempts, with each question's explanation."""
    attempt = (
        QuizAttempt.objects.for_user(request.user)
        .select_related("quiz", "enrolment__path")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        return not_found(request, _("Cette tentative n’existe pas."))
    quiz = attempt.quiz
    questions = list(QuizQuestion.objects.filter(quiz=quiz).prefetch_related("choices"))
    results = []
    for number, question in enumerate(questions, start=1):
        chosen = set(attempt.answers.get(str(question.pk), []))
        correct = {c.pk for c in question.choices.all() if c.is_correct}
        results.append(
            {
                "number": number,
                "question": question,
                "chosen": [c for c in question.choices.all() if c.pk in chosen],
                "is_right": chosen == correct,
            }
        )
    path = attempt.enrolment.path
    # The current certification cycle's attempts, as the quiz form counts them.
    attempts = list(learning_selectors.current_cycle_attempts(attempt.enrolment).filter(quiz=quiz))
    used = len(attempts)
    left = max(quiz.attempts_allowed - used, 0) if quiz.attempts_allowed else None
    next_url = None
    if attempt.passed:
        outline = path_outline(path, request=request)
        ids = [a.id for a in outline.activities]
        if quiz.pk in ids and ids.index(quiz.pk) + 1 < len(ids):
            next_url = learning_selectors.learning_url(ids[ids.index(quiz.pk) + 1])
    return render(
        request,
        "learners/learning/quiz_attempt.html",
        {
            "title": _("Résultat : %(title)s") % {"title": quiz.title},
            "breadcrumb": [
                {"label": _("Catalogue"), "url": reverse("catalogue")},
                {"label": path.title, "url": path.get_url(request)},
                {"label": quiz.title, "url": learning_selectors.learning_url(quiz.pk)},
            ],
            "attempt": attempt,
            "quiz": quiz,
            "path": path,
            "path_url": path.get_url(request),
            "results": results,
            "attempts": attempts,
            # None for an attempt of an earlier cycle while the current one has none yet.
            "best_score": max((a.score for a in attempts), default=None),
            "attempts_left": left,
            "may_attempt": left is None or left > 0,
            "quiz_url": learning_selectors.learning_url(quiz.pk),
            "next_url": next_url,
            "dashboard_url": reverse("dashboard"),
        },
    )
