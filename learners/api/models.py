"""A machine client of the API: an HR system (SIRH) or a partner, created by an administrator.

Its OAuth 2.0 credentials are a django-oauth-toolkit `Application` (client credentials grant);
this model adds what the campus decides: the scopes it may ask for and the organisation units
whose agents it may see (each with every unit below it).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiClient(models.Model):
    class Scope(models.TextChoices):
        CATALOGUE_READ = "catalogue:read", _("Lire le catalogue")
        RECORDS_READ = "records:read", _("Lire les agents, inscriptions et certificats")
        ASSIGNMENTS_WRITE = "assignments:write", _("Assigner des formations")
        ORG_WRITE = "org:write", _("Importer l’organisation")

    name = models.CharField(_("nom"), max_length=255)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        verbose_name=_("identifiants OAuth 2.0"),
        related_name="api_client",
        on_delete=models.CASCADE,
        editable=False,
    )
    scopes = models.JSONField(_("droits"), default=list, blank=True)
    units = models.ManyToManyField(
        "learners.OrgUnit",
        verbose_name=_("unités"),
        related_name="+",
        blank=True,
        help_text=_(
            "Le client voit les agents de ces unités et de toutes celles qui en dépendent."
        ),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("client de l’API")
        verbose_name_plural = _("clients de l’API")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def client_id(self) -> str:
        return self.application.client_id

    def has_scope(self, scope: str) -> bool:
        return self.is_active and scope in self.scopes
