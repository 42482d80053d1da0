from learners.models.assignments import Assignment, Campaign
from learners.models.audit import AuditEvent
from learners.models.certificates import Certificate
from learners.models.enrolment import Enrolment
from learners.models.erasure import ErasureRequest
from learners.models.notifications import SentNotification
from learners.models.org_imports import OrgImport
from learners.models.organisation import OrgUnit
from learners.models.progress import ActivityCompletion
from learners.models.quizzes import QuizAttempt
from learners.models.sessions import SessionRegistration
from learners.models.team_exports import TeamExport
from learners.models.users import User

__all__ = [
    "ActivityCompletion",
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
    "TeamExport",
    "User",
]
