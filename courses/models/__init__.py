"""The catalogue's models, importable from here by other modules and apps.

Inside this package, modules import each other by module (`courses.models.activities`), never
through the package: themes, activities < quizzes, packages < modules < outline < paths < catalogue.
"""

from courses.choices import DurationBand, Format, Language, Level, QuestionKind
from courses.models.activities import ActivityPage, LessonPage
from courses.models.catalogue import CatalogPage
from courses.models.modules import CoursePage, TrainingSession
from courses.models.packages import ContentPackage, H5PActivityPage, ScormActivityPage
from courses.models.paths import TrainingPathPage
from courses.models.quizzes import QuizChoice, QuizPage, QuizQuestion
from courses.models.themes import SkillTag, Theme, TrainingPathSkill

__all__ = [
    "ActivityPage",
    "CatalogPage",
    "ContentPackage",
    "CoursePage",
    "DurationBand",
    "Format",
    "H5PActivityPage",
    "Language",
    "LessonPage",
    "Level",
    "QuestionKind",
    "QuizChoice",
    "QuizPage",
    "QuizQuestion",
    "ScormActivityPage",
    "SkillTag",
    "Theme",
    "TrainingPathPage",
    "TrainingPathSkill",
    "TrainingSession",
]
