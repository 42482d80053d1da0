"""Choices and constants shared by the catalogue's pages, forms and checks.

The bottom of `courses`: it imports no other module of the app, so that forms and publication
checks can use these values without importing the page models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Same name as learners.accounts.permissions.TRAINERS_GROUP (courses does not import learners).
TRAINERS_GROUP_NAME = "Formateurs"
# Same name as learners.accounts.permissions.ADMINISTRATORS_GROUP.
ADMINISTRATORS_GROUP_NAME = "Administrateurs"


class Level(models.TextChoices):
    DISCOVERY = "decouverte", _("Découverte")
    INTERMEDIATE = "intermediaire", _("Intermédiaire")
    ADVANCED = "approfondi", _("Approfondi")


class Format(models.TextChoices):
    E_LEARNING = "e_learning", _("E-learning")
    VIRTUAL_CLASS = "classe_virtuelle", _("Classe virtuelle")
    IN_PERSON = "presentiel", _("Présentiel")
    BLENDED = "hybride", _("Hybride")

    @classmethod
    def with_sessions(cls) -> list[str]:
        """Formats whose modules are delivered in sessions (dates, seats, attendance)."""
        return [cls.VIRTUAL_CLASS, cls.IN_PERSON, cls.BLENDED]


class Language(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")


class DurationBand(models.TextChoices):
    """Catalogue filter on the estimated duration of a path, in minutes (lower bound included)."""

    SHORT = "court", _("Moins de 2 h")
    MEDIUM = "moyen", _("De 2 h à 8 h")
    LONG = "long", _("Plus de 8 h")

    @property
    def bounds(self) -> tuple[int | None, int | None]:
        return {
            "court": (None, 120),
            "moyen": (120, 480),
            "long": (480, None),
        }[self.value]


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiple")
    TRUE_FALSE = "true_false", _("Vrai ou faux")
