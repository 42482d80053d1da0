"""Writes of the learning capability; each function is keyword-only, runs in one transaction and
is idempotent where an agent can repeat it.

- enrolment: `enrol`, `abandon`
- progress: `complete_activity`, `refresh_path_progress`
- quizzes: `submit_quiz`
- locks: `lock_enrolment`, the row lock every write on an enrolment takes first

Errors are `learners.common.exceptions.LearnerServiceError` subclasses carrying a French message.
"""

from learners.learning.services.enrolment import abandon, enrol
from learners.learning.services.progress import complete_activity, refresh_path_progress
from learners.learning.services.quizzes import submit_quiz

__all__ = ["abandon", "complete_activity", "enrol", "refresh_path_progress", "submit_quiz"]
