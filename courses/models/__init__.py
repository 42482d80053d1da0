from courses.models.activities import ActivityPage, LessonPage
from courses.models.catalog import CatalogPage
from courses.models.choices import DurationBand, Format, Language, Level
from courses.models.modules import CoursePage, TrainingSession
from courses.models.paths import TrainingPathPage
from courses.models.quizzes import QuestionKind, QuizChoice, QuizPage, QuizQuestion
from courses.models.themes import SkillTag, Theme, TrainingPathSkill

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
