"""The models of the `learners` app, gathered from its capability packages.

Each capability owns its models (`learners/<capability>/models.py`); this module only imports
them so that Django finds them under the one app label `learners` (same tables, same
migrations). Code inside `learners/` imports a model from its capability, never from here.
"""

from learners.accounts.models import OrgUnit, User
from learners.api.models import ApiClient
from learners.certification.models import Certificate
from learners.common.models import SentNotification
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.privacy.models import AuditEvent, ErasureRequest
from learners.sessions.models import SessionRegistration
from learners.team.models import Assignment, Campaign, OrgImport, TeamExport
from learners.xapi.models import StatementOutbox

__all__ = [
    "ActivityCompletion",
    "ApiClient",
    "Assignment",
    "AuditEvent",
    "Campaign",
    "Certificate",
    "Enrolment",
    "ErasureRequest",
    "OrgImport",
    "OrgUnit",
    "QuizAttempt",
    "SentNotification",
    "SessionRegistration",
    "StatementOutbox",
    "TeamExport",
    "User",
]
