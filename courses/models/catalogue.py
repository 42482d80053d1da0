"""The catalogue: the one page under which every training path lives, and its search.

`/catalogue/` lists the published paths as cards: full-text search (Wagtail search) combined with
filters, paginated. The filters are plain indexed columns (`estimated_duration_minutes` is
computed at publication) and the cards are fetched in one query with their theme, cover image
renditions and an "upcoming session" flag, so a page of results costs the same whatever the
catalogue's size.
"""

import hashlib
from dataclasses import dataclass

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page

from courses import catalogue_version, search
from courses.blocks.basics import RICH_TEXT_FEATURES
from courses.choices import DurationBand, Format, Language, Level
from courses.models.modules import TrainingSession
from courses.models.paths import TrainingPathPage
from courses.models.themes import Theme

PAGE_SIZE = 12
# Cards say whether sessions are coming: cached this long at most.
CARD_SECONDS = 60
CARD_IMAGE_FILTER = "fill-600x338"


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
        context = super().get_context(request, *args, **kwargs)
        context["results"] = search_catalogue(self, request.GET)
        return context


class CatalogueFilterForm(forms.Form):
    """The catalogue's GET form: every field is optional and filters combine."""

    q = forms.CharField(label=_("Rechercher un parcours"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Thématique"), required=False)
    level = forms.ChoiceField(
        label=_("Niveau"), required=False, choices=[("", _("Tous les niveaux")), *Level.choices]
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Tous les formats")), *Format.choices]
    )
    duration = forms.ChoiceField(
        label=_("Durée"),
        required=False,
        choices=[("", _("Toutes les durées")), *DurationBand.choices],
    )
    language = forms.ChoiceField(
        label=_("Langue"),
        required=False,
        choices=[("", _("Toutes les langues")), *Language.choices],
    )

    FILTERS = ("theme", "level", "format", "duration", "language")

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {theme.slug: theme for theme in themes}
        self.fields["theme"].choices = [
            ("", _("Toutes les thématiques")),
            *((theme.slug, theme.name) for theme in themes),
        ]

    def values(self) -> dict[str, str]:
        """The valid, non-empty values submitted (an invalid value is ignored, not an error)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value}


@dataclass
class CatalogueResults:
    form: CatalogueFilterForm
    page: PaginatorPage
    count: int
    query: str
    is_filtered: bool

    @property
    def paths(self):
        return self.page.object_list

    @property
    def page_range(self):
        return list(
            self.page.paginator.get_elided_page_range(self.page.number, on_each_side=1, on_ends=1)
        )


def filtered_paths(catalogue, values: dict, themes: dict[str, Theme]):
    """Live, public paths of the catalogue matching the filters (a QuerySet, not searched)."""
    paths = TrainingPathPage.objects.live().public().descendant_of(catalogue)
    if "theme" in values:
        paths = paths.filter(theme=themes[values["theme"]].pk)
    for name in ("level", "format", "language"):
        if name in values:
            paths = paths.filter(**{name: values[name]})
    if "duration" in values:
        lower, upper = DurationBand(values["duration"]).bounds
        if lower is not None:
            paths = paths.filter(estimated_duration_minutes__gte=lower)
        if upper is not None:
            paths = paths.filter(estimated_duration_minutes__lt=upper)
    return paths


def with_card_data(paths):
    """Everything a card shows, fetched with the paths: theme, image renditions, sessions."""
    upcoming = TrainingSession.objects.filter(
        course__live=True,
        course__path__startswith=OuterRef("path"),
        start__gt=timezone.now(),
    )
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
    return (
        paths.defer_streamfields()
        .defer("search_text")
        .select_related("theme")
        .prefetch_related(Prefetch("cover_image", queryset=images))
        .annotate(has_upcoming_sessions=Exists(upcoming))
    )


def search_catalogue(catalogue, params) -> CatalogueResults:
    """Search and filter the catalogue from the GET parameters `params`; 12 cards a page.

    The themes, and which paths a search or filter finds, are cached until the next
    publication (`courses.catalogue_version`); the cards, which say whether sessions are coming,
    for `CARD_SECONDS` at most.
    """
    themes = catalogue_version.cached(
        "courses:catalogue-themes", lambda: list(Theme.objects.all()), local=True
    )
    form = CatalogueFilterForm(params, themes=themes)
    values = form.values()
    query = values.pop("q", "").strip()
    wanted = params.get("page")
    criteria = repr((catalogue.pk, sorted(values.items()), query, wanted))
    digest = hashlib.sha256(criteria.encode()).hexdigest()[:32]
    count, number, ids = catalogue_version.cached(
        f"courses:catalogue-results:{digest}",
        lambda: _find(catalogue, values, form.themes, query, wanted),
        local=True,
    )
    page = Paginator(range(count), PAGE_SIZE).get_page(number)
    page.object_list = catalogue_version.cached(
        f"courses:catalogue-cards:{digest}", lambda: _cards(ids), timeout=CARD_SECONDS
    )
    return CatalogueResults(
        form=form,
        page=page,
        count=count,
        query=query,
        is_filtered=bool(values or query),
    )


def _find(catalogue, values, themes, query, wanted) -> tuple[int, int, list[int]]:
    """(number of paths found, page number shown, ids of that page's paths in order)."""
    paths = filtered_paths(catalogue, values, themes)
    if query:
        # Case, accents and punctuation ignored, each word the beginning of one (courses.search).
        words = search.words_query(query)
        found = paths.search(words) if words is not None else paths.none()
    else:
        found = paths.order_by("title", "pk").values_list("pk", flat=True)
    page = Paginator(found, PAGE_SIZE).get_page(wanted)
    ids = [item.pk for item in page.object_list] if query else list(page.object_list)
    return page.paginator.count, page.number, ids


def _cards(ids: list[int]) -> list[TrainingPathPage]:
    found = {path.pk: path for path in with_card_data(TrainingPathPage.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]
