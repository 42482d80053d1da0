from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The campus's front page: a welcome text and the way into the catalogue."""

    hero_title = models.CharField(
        _("titre d’accroche"), max_length=255, default="Se former au numérique public"
    )
    hero_text = models.TextField(_("texte d’accroche"), blank=True)
    body = RichTextField(
        _("contenu"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]

    # Served from the cache to anonymous visitors (campus/page_cache.py).
    anonymous_cache_seconds = 300
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CatalogPage"]
    max_count = 1

    class Meta:
        verbose_name = _("page d’accueil")
