"""The catalogue: the one page under which every training path lives."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.blocks.basics import RICH_TEXT_FEATURES


class CatalogPage(Page):
    """`/catalogue/`: published paths as cards, with search and filters (a plain GET form)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # Served from the cache to anonymous visitors (campus/page_cache.py).
    anonymous_cache_seconds = 60
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.TrainingPathPage"]
    max_count = 1

    class Meta:
        verbose_name = _("catalogue")

    def get_context(self, request, *args, **kwargs):
        from courses.catalogue import search_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["results"] = search_catalogue(self, request.GET)
        return context
