from .enrolment import Enrolment
from .notifications import SentNotification
from .organisation import OrgUnit
from .progress import ActivityCompletion
from .quizzes import QuizAttempt
from .sessions import SessionRegistration
from .users import User

__all__ = [
    "ActivityCompletion",
    "Enrolment",
    "OrgUnit",
    "QuizAttempt",
    "SentNotification",
    "SessionRegistration",
    "User",
]
