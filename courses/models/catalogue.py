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
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Prefetch,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Left, Length
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
    # The catalogue's children (a path's only possible parent): its other descendants, the
    # paths' pages, are never scanned.
    paths = TrainingPathPage.objects.live().public().child_of(catalogue)
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
    # The paths of the modules with an upcoming session (a module's parent is its path): one
    # set, computed once for the page, not a search of every session for each card.
    steplen = TrainingSession._meta.get_field("course").related_model.steplen
    upcoming = (
        TrainingSession.objects.filter(course__live=True, start__gt=timezone.now())
        .annotate(path_of_course=Left("course__path", Length("course__path") - steplen))
        .order_by()
        .values("path_of_course")
    )
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
    return (
        paths.defer_streamfields()
        .defer("search_text")
        .select_related("theme")
        .prefetch_related(Prefetch("cover_image", queryset=images))
        .annotate(
            has_upcoming_sessions=Case(
                When(path__in=Subquery(upcoming), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
    )


def search_catalogue(catalogue, params) -> CatalogueResults:
    """Search and filter the catalogue from the GET parameters `params`; 12 cards a page.

    The themes, and which paths a search or filter finds, are cached until the next
    publication (`courses.catalogue_version`); the cards, which say whether sessions are coming,
    for `CARD_SECONDS` at most. Uncached, a search on PostgreSQL is one query (the page of cards
    and the number of paths found), besides the themes.
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
    fetched = {}  # the cards, when the search fetched them with the paths found
    count, number, ids = catalogue_version.cached(
        f"courses:catalogue-results:{digest}",
        lambda: _find(catalogue, values, form.themes, query, wanted, fetched),
        local=True,
    )
    page = Paginator(range(count), PAGE_SIZE).get_page(number)
    page.object_list = catalogue_version.cached(
        f"courses:catalogue-cards:{digest}",
        lambda: fetched["cards"] if "cards" in fetched else _cards(ids),
        timeout=CARD_SECONDS,
    )
    return CatalogueResults(
        form=form,
        page=page,
        count=count,
        query=query,
        is_filtered=bool(values or query),
    )


def _find(catalogue, values, themes, query, wanted, fetched) -> tuple[int, int, list[int]]:
    """(number of paths found, page number shown, ids of that page's paths in order); the
    page's cards in `fetched["cards"]` when they were fetched along."""
    paths = filtered_paths(catalogue, values, themes)
    if not query:
        found = paths.order_by("title", "pk").values_list("pk", flat=True)
        page = Paginator(found, PAGE_SIZE).get_page(wanted)
        return page.paginator.count, page.number, list(page.object_list)
    # Case, accents and punctuation ignored, each word the beginning of one (courses.search).
    words = search.words_query(query)
    if words is None:
        return 0, 1, []
    results = paths.search(words)
    if connection.vendor == "postgresql":
        return _ranked_page(results, wanted, fetched)
    page = Paginator(results, PAGE_SIZE).get_page(wanted)
    return page.paginator.count, page.number, [path.pk for path in page.object_list]


def _ranked_page(results, wanted, fetched) -> tuple[int, int, list[int]]:
    """The page `wanted` of Wagtail's PostgreSQL search `results` and their number, in one
    query: the same match and ranking as Wagtail's (its query compiler builds them), the
    number counted by a window over the paths found rather than by a second search. Pages out
    of range show the last one, as `Paginator.get_page` does."""
    compiler = results.query_compiler
    ranked = compiler.search(compiler.get_config(results.backend), None, None)
    ranked = with_card_data(ranked).annotate(found_count=Window(Count("pk")))
    try:
        number = int(wanted) if wanted is not None else 1
    except (TypeError, ValueError):
        number = 1
    if number >= 1:
        cards = list(ranked[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
        if cards or number == 1:
            fetched["cards"] = cards
            count = cards[0].found_count if cards else 0
            return count, number, [path.pk for path in cards]
    # A page past the last one (an old link): the last page.
    number = max(1, -(-ranked.count() // PAGE_SIZE))
    cards = list(ranked[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    fetched["cards"] = cards
    count = cards[0].found_count if cards else 0
    return count, number, [path.pk for path in cards]


def _cards(ids: list[int]) -> list[TrainingPathPage]:
    found = {path.pk: path for path in with_card_data(TrainingPathPage.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]
