"""The demo catalogue: ten paths across the nine expertises, in French (and one in English).

Each path: (fields, modules); each module: (fields, activities, sessions). Lessons are
("lesson", title, minutes, body); quizzes ("quiz", title, minutes, questions), each question a
tuple (courses.factories helper, its arguments…); sessions
(days from today, "HH:MM", minutes, location, visio URL, capacity).
"""

from courses.demo.paths_organisation import (
    CLOUD,
    DATA_LITERACY,
    DIGITAL_WORKPLACE,
    ECODESIGN,
    OPEN_SOURCE,
    TRANSFORMATION,
)
from courses.demo.paths_practices import ACCESSIBILITY, CYBER
from courses.demo.paths_product import AI, PRODUCT

PATHS = [
    ACCESSIBILITY,
    CYBER,
    AI,
    PRODUCT,
    OPEN_SOURCE,
    DIGITAL_WORKPLACE,
    ECODESIGN,
    CLOUD,
    TRANSFORMATION,
    DATA_LITERACY,
]
