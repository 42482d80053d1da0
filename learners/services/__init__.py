"""Writes of the learners app, one module per domain object; each function is keyword-only,
runs in one transaction and is idempotent where an agent can repeat it.

- enrolment: `enrol`, `abandon`
- progress: `complete_activity`, `refresh_path_progress`
- quizzes: `submit_quiz`
- sessions: `register_for_session`, `cancel_registration`, `promote_waitlist`, `mark_attendance`
- certificates: `evaluate_certification_rule`, `issue_certificate`, `revoke_certificate`,
  `renew_certification`
- assignments: `create_campaign`, `add_to_campaign` (mandatory training)
- org_import: `import_organisation` (HR extract, all or nothing)
- reminders: `send_reminders` (daily)
- team_exports: `request_export`, `build_export` (large team reports)
- erasure: `request_erasure`, `confirm_erasure`, `erase_account` (RGPD)

Errors are `learners.exceptions.LearnerServiceError` subclasses carrying a French message.
"""

from learners.services.assignments import add_to_campaign, create_campaign
from learners.services.certificates import evaluate_certification_rule, issue_certificate, renew_certification, revoke_certificate
from learners.services.enrolment import abandon, enrol
from learners.services.erasure import confirm_erasure, erase_account, request_erasure
from learners.services.org_import import import_organisation
from learners.services.progress import complete_activity, refresh_path_progress
from learners.services.quizzes import submit_quiz
from learners.services.reminders import send_reminders
from learners.services.sessions import cancel_registration, mark_attendance, promote_waitlist, register_for_session
from learners.services.team_exports import build_export, request_export

__all__ = [
    "abandon",
    "add_to_campaign",
    "build_export",
    "cancel_registration",
    "complete_activity",
    "confirm_erasure",
    "create_campaign",
    "enrol",
    "erase_account",
    "evaluate_certification_rule",
    "import_organisation",
    "issue_certificate",
    "mark_attendance",
    "promote_waitlist",
    "refresh_path_progress",
    "register_for_session",
    "renew_certification",
    "request_erasure",
    "request_export",
    "revoke_certificate",
    "send_reminders",
    "submit_quiz",
]
