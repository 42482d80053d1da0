"""Why a service refused to act: each error carries the French message shown to the agent.

Views map `NotFound` to 404, `NotAllowed` to 403, and the other errors to a message on the page.
"""

from django.utils.translation import gettext_lazy as _


class LearnerServiceError(Exception):
    message = _("Cette action n’est pas possible.")

    def __init__(self, message=None, **details):
        if message is not None:
            self.message = message
        self.details = details
        super().__init__(str(self.message))


class NotFound(LearnerServiceError):
    """The object does not exist, is not published, or does not belong to the agent."""

    message = _("Cette activité n’existe pas ou n’est pas publiée.")


class NotAllowed(LearnerServiceError):
    message = _("Vous n’avez pas accès à cette activité.")


class NotEnrolled(NotAllowed):
    message = _("Inscrivez-vous au parcours pour enregistrer votre progression.")


class MissingPrerequisites(LearnerServiceError):
    """`details["paths"]` lists the prerequisite paths not completed yet."""

    message = _("Terminez d’abord les parcours prérequis.")


class AlreadyCompleted(LearnerServiceError):
    message = _("Vous avez terminé ce parcours : il ne peut plus être abandonné.")


class InvalidAnswers(LearnerServiceError):
    """`details["errors"]` maps question ids to the problem with their answer."""

    message = _("Certaines réponses ne sont pas valides.")


class AttemptsExhausted(LearnerServiceError):
    message = _("Vous avez utilisé toutes les tentatives autorisées pour ce quiz.")


class RegistrationClosed(LearnerServiceError):
    message = _("Les inscriptions à cette session sont closes.")


class AlreadyRegisteredForModule(LearnerServiceError):
    message = _(
        "Vous êtes déjà inscrit ou inscrite à une autre session de ce module : "
        "annulez-la d’abord pour changer de date."
    )
