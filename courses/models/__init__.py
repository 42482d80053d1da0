from .activities import ActivityPage, LessonPage
from .catalog import CatalogPage
from .choices import DurationBand, Format, Language, Level
from .modules import CoursePage, TrainingSession
from .paths import TrainingPathPage
from .quizzes import QuestionKind, QuizChoice, QuizPage, QuizQuestion
from .themes import SkillTag, Theme, TrainingPathSkill

__all__ = [
    "ActivityPage",
    "CatalogPage",
    "CoursePage",
    "DurationBand",
    "Format",
    "Language",
    "LessonPage",
    "Level",
    "QuestionKind",
    "QuizChoice",
    "QuizPage",
    "QuizQuestion",
    "SkillTag",
    "Theme",
    "TrainingPathPage",
    "TrainingPathSkill",
    "TrainingSession",
]
