"""Catalogue search, for callers outside the catalogue page (the benchmark, tests).

The search is the catalogue page's own read (`CatalogPage.get_context`), so it lives with the
page in `courses.models.catalogue`; this module keeps its public names importable from here.
"""

from courses.models.catalogue import (
    CatalogueFilterForm,
    CatalogueResults,
    filtered_paths,
    search_catalogue,
    with_card_data,
)

__all__ = [
    "CatalogueFilterForm",
    "CatalogueResults",
    "filtered_paths",
    "search_catalogue",
    "with_card_data",
]
