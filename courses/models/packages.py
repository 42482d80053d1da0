"""SCORM and H5P activities: the uploaded package (ContentPackage) and the pages that play it.

A package is stored once per file content (`sha256`), extracted under `PACKAGE_ROOT`
(`courses.packages`) and served only on the content origin (docs/content-packages.md).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from courses.forms import PackageActivityPageForm
from courses.models.activities import ActivityPage
from courses.packages import package_folder
from courses.publication_checks import ensure_publishable


class ContentPackage(models.Model):
    """An uploaded SCORM 1.2, SCORM 2004 or H5P package, validated and extracted once."""

    class Kind(models.TextChoices):
        SCORM12 = "scorm12", _("SCORM 1.2")
        SCORM2004 = "scorm2004", _("SCORM 2004")
        H5P = "h5p", _("H5P")

    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titre"), max_length=255, blank=True)
    schema_version = models.CharField(_("version"), max_length=50, blank=True)
    # SCORM: {"scos": [{identifier, title, href, depth, type}], "organization": "…"};
    # H5P: {"main_library": "…", "title": "…", "h5p_json": {…}}.
    structure = models.JSONField(_("structure"), default=dict)
    size = models.PositiveBigIntegerField(_("taille décompressée (octets)"), default=0)
    file_count = models.PositiveIntegerField(_("nombre de fichiers"), default=0)
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("paquet de contenu")
        verbose_name_plural = _("paquets de contenu")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title or self.sha256[:12]} ({self.get_kind_display()})"

    @property
    def folder(self):
        """Where the package's files are: `PACKAGE_ROOT / sha256`."""
        return package_folder(self.sha256)

    @property
    def is_scorm(self) -> bool:
        return self.kind in (self.Kind.SCORM12, self.Kind.SCORM2004)

    @property
    def scos(self) -> list[dict]:
        """The launchable SCORM items in manifest order (one pseudo-SCO "" for H5P)."""
        if not self.is_scorm:
            return [{"identifier": "", "title": self.title, "href": None, "depth": 0}]
        return [item for item in self.structure.get("scos", []) if item.get("href")]

    @property
    def sco_identifiers(self) -> list[str]:
        return [sco["identifier"] for sco in self.scos]

    @property
    def summary(self) -> str:
        """One line for the trainer: title, kind, launchable parts, files."""
        parts = len(self.scos) if self.is_scorm else 1
        return _gettext("« %(title)s » — %(kind)s, %(parts)s partie(s), %(files)s fichiers") % {
            "title": self.title,
            "kind": f"{self.get_kind_display()} {self.schema_version}".strip()
            if self.kind == self.Kind.SCORM2004
            else self.get_kind_display(),
            "parts": parts,
            "files": self.file_count,
        }


class PackageActivityPage(ActivityPage):
    """An activity played from a package; completion and score come from the package."""

    package_kinds: tuple[str, ...] = ()

    package = models.ForeignKey(
        ContentPackage,
        verbose_name=_("paquet"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("score de réussite (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Score (%) que l’agent doit atteindre dans le module ; vide : le terminer suffit."
        ),
    )

    package_panels = [
        MultiFieldPanel(
            [FieldPanel("package_file"), FieldRowPanel([FieldPanel("pass_mark")])],
            heading=_("Paquet"),
        )
    ]
    content_panels = [*Page.content_panels, *ActivityPage.activity_panels, *package_panels]
    base_form_class = PackageActivityPageForm

    class Meta:
        abstract = True

    def publication_errors(self) -> list[str]:
        """A package activity is published only with its package."""
        if self.package_id is None:
            return [
                _gettext("Déposez le paquet de l’activité « %(title)s » avant de la publier.")
                % {"title": self.title}
            ]
        return []

    def publish(self, revision, *args, **kwargs):
        ensure_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)


class ScormActivityPage(PackageActivityPage):
    """A SCORM 1.2 or SCORM 2004 module, played in the campus's SCORM player."""

    activity_kind = "scorm"
    package_kinds = (ContentPackage.Kind.SCORM12, ContentPackage.Kind.SCORM2004)

    class Meta:
        verbose_name = _("module SCORM")
        verbose_name_plural = _("modules SCORM")


class H5PActivityPage(PackageActivityPage):
    """An H5P interactive content (quiz, presentation…), played with h5p-standalone."""

    activity_kind = "h5p"
    package_kinds = (ContentPackage.Kind.H5P,)

    class Meta:
        verbose_name = _("contenu H5P")
        verbose_name_plural = _("contenus H5P")
