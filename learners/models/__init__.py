from .assignments import Assignment, Campaign
from .audit import AuditEvent
from .certificates import Certificate
from .enrolment import Enrolment
from .erasure import ErasureRequest
from .notifications import SentNotification
from .org_imports import OrgImport
from .organisation import OrgUnit
from .progress import ActivityCompletion
from .quizzes import QuizAttempt
from .sessions import SessionRegistration
from .team_exports import TeamExport
from .users import User

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
