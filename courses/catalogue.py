"""Catalogue search: full-text search (Wagtail search) combined with filters, paginated.

The filters are plain indexed columns (`estimated_duration_minutes` is computed at publication)
and the cards are fetched in one query with their theme, cover image renditions and an
"upcoming session" flag, so a page of results costs the same whatever the catalogue's size.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from courses.models import (
    DurationBand,
    Format,
    Language,
    Level,
    Theme,
    TrainingPathPage,
    TrainingSession,
)

PAGE_SIZE = 12
CARD_IMAGE_FILTER = "fill-600x338"


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


def filtered_paths(catalog, values: dict, themes: dict[str, Theme]):
    """Live, public paths of the catalogue matching the filters (a QuerySet, not searched)."""
    paths = TrainingPathPage.objects.live().public().descendant_of(catalog)
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


def search_catalogue(catalog, params) -> CatalogueResults:
    """Search and filter the catalogue from the GET parameters `params`; 12 cards a page."""
    themes = list(Theme.objects.all())
    form = CatalogueFilterForm(params, themes=themes)
    values = form.values()
    query = values.pop("q", "").strip()
    paths = filtered_paths(catalog, values, form.themes)

    if query:
        results = paths.search(query, operator="and")
        page = Paginator(results, PAGE_SIZE).get_page(params.get("page"))
        ids = [path.pk for path in page.object_list]
        found = {
            path.pk: path for path in with_card_data(TrainingPathPage.objects.filter(pk__in=ids))
        }
        page.object_list = [found[pk] for pk in ids if pk in found]
    else:
        page = Paginator(with_card_data(paths).order_by("title", "pk"), PAGE_SIZE).get_page(
            params.get("page")
        )
    return CatalogueResults(
        form=form,
        page=page,
        count=page.paginator.count,
        query=query,
        is_filtered=bool(values or query),
    )
