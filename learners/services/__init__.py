"""Writes of the learners app, one module per domain object; each function is keyword-only,
runs in one transaction and is idempotent where an agent can repeat it.

- enrolment: `enrol`, `abandon`
- progress: `complete_activity`, `refresh_path_progress`
- quizzes: `submit_quiz`
- sessions: `register_for_session`, `cancel_registration`, `promote_waitlist`, `mark_attendance`

Errors are `learners.exceptions.LearnerServiceError` subclasses carrying a French message.
"""

from .enrolment import abandon, enrol
from .progress import complete_activity, refresh_path_progress
from .quizzes import submit_quiz
from .sessions import cancel_registration, mark_attendance, promote_waitlist, register_for_session

__all__ = [
    "abandon",
    "cancel_registration",
    "complete_activity",
    "enrol",
    "mark_attendance",
    "promote_waitlist",
    "refresh_path_progress",
    "register_for_session",
    "submit_quiz",
]
