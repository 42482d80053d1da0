"""Snippets that classify paths: the nine expertises of the campus (themes) and skills (tags)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Theme(index.Indexed, models.Model):
    """One of the campus's expertises (cybersécurité, data…), used to browse the catalogue."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SkillTag(TagBase):
    """A skill a path develops ("RGAA", "Python", "gestion de crise"…)."""

    free_tagging = True

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")


class TrainingPathSkill(ItemBase):
    tag = models.ForeignKey(SkillTag, related_name="tagged_paths", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "courses.TrainingPathPage", related_name="tagged_skills", on_delete=models.CASCADE
    )
