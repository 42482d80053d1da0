"""The catalogue's search with one filter (full-text search, filters, a page of cards with
their data), against a `.values()` query of the same rows."""

import statistics

from django.http import QueryDict
from django.test import override_settings

from bench.harness import Result, compare, count_queries, timed
from courses.catalogue import search_catalogue
from courses.models import Level, TrainingPathPage

QUERY = "numérique"
CARD_FIELDS = [
    *("pk", "title", "url_path", "summary", "level", "format", "language"),
    *("estimated_duration_minutes", "theme__name", "cover_image_id", "cover_alt_text"),
]


def params(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(values)
    return data


def search_with_campus(ctx, data) -> tuple[int, list[int]]:
    results = search_catalogue(ctx.catalogue, data)
    return results.count, [path.pk for path in results.paths]


def values_of(ids: list[int]) -> list[dict]:
    rows = {
        row["pk"]: row for row in TrainingPathPage.objects.filter(pk__in=ids).values(*CARD_FIELDS)
    }
    return [rows[pk] for pk in ids]


def busiest_level(ctx) -> str:
    """The level whose results fill the most of a page for QUERY (a realistic search)."""
    counts = {
        level: search_with_campus(ctx, params(q=QUERY, level=level))[0] for level in Level.values
    }
    return max(counts, key=counts.get)


def run(ctx) -> Result:
    level = busiest_level(ctx)
    searched = params(q=QUERY, level=level)
    count, ids = search_with_campus(ctx, searched)
    published = TrainingPathPage.objects.live().count()
    campus, baseline = compare(
        lambda: search_with_campus(ctx, searched), lambda: values_of(ids), ctx.settings
    )
    wider = params(q=QUERY)
    search_with_campus(ctx, wider)  # queries are counted in the steady state (cache filled)
    with override_settings(CONTENT_CACHE_TIMEOUT=0):  # the first search after a publication
        uncached = timed(lambda: search_with_campus(ctx, searched), ctx.settings.iterations)
        uncached_queries = count_queries(lambda: search_with_campus(ctx, searched))
    return Result(
        key="catalogue",
        title=(
            f"Catalogue of {published} published paths: search “{QUERY}” + level "
            f"({count} results, {len(ids)} cards)"
        ),
        unit="ms",
        campus=campus,
        baseline=baseline,
        goal=2.0,
        queries=(
            count_queries(lambda: search_with_campus(ctx, searched)),
            count_queries(lambda: search_with_campus(ctx, wider)),
        ),
        sizes=(f"{count} results", f"{search_with_campus(ctx, wider)[0]} results"),
        checks={"results found": bool(ids)},
        notes=[
            f"without the cache (the first search after a publication): {uncached:.2f} ms, "
            f"{uncached / statistics.median(baseline):.1f}× the baseline, "
            f"{uncached_queries} queries"
        ],
    )
