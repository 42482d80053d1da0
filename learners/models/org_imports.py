"""Audit trail of organisation imports (HR extracts): who imported which file, and what changed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrgImport(models.Model):
    """One uploaded HR file: checked first (dry run), then applied on confirmation."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importé par"),
        related_name="org_imports",
        on_delete=models.SET_NULL,
        null=True,
    )
    created_at = models.DateTimeField(_("déposé le"), default=timezone.now)
    file_name = models.CharField(_("nom du fichier"), max_length=255)
    # The file's text, kept so that the confirmation applies exactly what was checked.
    content = models.TextField(_("contenu"))
    summary = models.JSONField(_("bilan"), default=dict, blank=True)
    applied = models.BooleanField(_("appliqué"), default=False)
    applied_at = models.DateTimeField(_("appliqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("import de l’organisation")
        verbose_name_plural = _("imports de l’organisation")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"
