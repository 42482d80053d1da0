"""Activities of a module: lessons (LessonPage) and quizzes (QuizPage, see `quizzes`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock
from courses.forms import CatalogPageForm
from courses.navigation import activity_page_context
from courses.permissions import PathTeamPermissions


class ActivityPage(PathTeamPermissions, Page):
    """What every activity has: an estimated duration and whether it counts for completion."""

    duration_minutes = models.PositiveIntegerField(_("durée estimée (minutes)"), default=15)
    required = models.BooleanField(
        _("obligatoire pour terminer le parcours"),
        default=True,
        help_text=_("Décochez pour une activité facultative (approfondissement)."),
    )

    activity_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("required")])],
            heading=_("Activité"),
        )
    ]

    base_form_class = CatalogPageForm
    parent_page_types = ["courses.CoursePage"]
    # Public pages: served from the cache to anonymous visitors (campus/page_cache.py).
    anonymous_cache_seconds = 60
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(activity_page_context(self, request))
        return context


class LessonPage(ActivityPage):
    """A lesson: a body of text, media and resources, read at the agent's pace."""

    activity_kind = "lesson"

    body = StreamField(LessonBodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, *ActivityPage.activity_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("leçon")
