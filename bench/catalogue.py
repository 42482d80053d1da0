"""The catalogue's search with one filter (full-text search, filters, a page of cards with
their data), against a `.values()` query of the same rows: served from the cache
(`catalogue`), and cold, a new query each time with nothing cached, on the campus's catalogue
and on one of 2,000 paths (`catalogue_cold`)."""

import itertools
import random
import re
import statistics
import time

from django.db import connection
from django.http import QueryDict
from django.test import override_settings

from bench.harness import Result, compare, count_queries, timed
from bench.load_data import catalogue as load_catalogue
from courses.catalogue import search_catalogue
from courses.models import Level, TrainingPathPage

QUERY = "numérique"
# Published paths in the cold search's larger catalogue (quick mode: the tests' tiny campus).
EXTRA_TOTAL = 2_000
EXTRA_TOTAL_QUICK = 8
ANALYZED = ("wagtailcore_page", "courses_trainingpathpage", "wagtailsearch_indexentry")
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


# The cold search: every search unique, nothing cached ----------------------------------------

EXTRA_PATHS_SEED = 2027


def typed_queries() -> list[str]:
    """What agents type, all different: the words of the generated paths' titles and texts
    (4 letters or more), then pairs of consecutive words of their sentences."""
    texts = [*load_catalogue.TOPICS, *load_catalogue.ANGLES, *load_catalogue.SENTENCES]
    queries = {}
    for text in texts:
        for word in re.findall(r"\w{4,}", text):
            queries.setdefault(word.lower(), None)
    for text in load_catalogue.SENTENCES:
        words = re.findall(r"\w{4,}", text.lower())
        for first, second in zip(words, words[1:], strict=False):
            queries.setdefault(f"{first} {second}", None)
    return list(queries)


def cold_row(ctx, queries: list[str]) -> Result:
    """The search of a new query each time, with the content cache disabled (as after a
    publication, or for a query nobody typed before), against `.values()` of the same rows."""
    with override_settings(CONTENT_CACHE_TIMEOUT=0):
        found = {query: search_with_campus(ctx, params(q=query)) for query in queries}
        typed = len(queries)
        queries = [query for query in queries if found[query][0]]  # those that find paths
        published = TrainingPathPage.objects.live().count()
        campus_queries = itertools.cycle(queries)
        baseline_ids = itertools.cycle([found[query][1] for query in queries])
        campus, baseline = compare(
            lambda: search_with_campus(ctx, params(q=next(campus_queries))),
            lambda: values_of(next(baseline_ids)),
            ctx.settings,
        )
        rare = min(queries, key=lambda query: (found[query][0], query))
        common = max(queries, key=lambda query: (found[query][0], query))
        counted = (
            count_queries(lambda: search_with_campus(ctx, params(q=rare))),
            count_queries(lambda: search_with_campus(ctx, params(q=common))),
        )
    calls = 1 + ctx.settings.rounds * ctx.settings.iterations
    counts = sorted(found[query][0] for query in queries)
    return Result(
        key="catalogue_cold",
        title=(
            f"Catalogue of {published} published paths, cold search: a new query each time, "
            f"nothing cached ({len(queries)} queries, {counts[0]:,}–{counts[-1]:,} results)"
        ),
        unit="ms",
        campus=campus,
        baseline=baseline,
        goal=3.0,
        queries=counted,
        sizes=(f"“{rare}”: {found[rare][0]} results", f"“{common}”: {found[common][0]} results"),
        checks={"no query repeated": calls <= len(queries) or ctx.settings.quick},
        notes=[
            f"{len(queries)} of {typed} queries find paths (the others are left out); "
            f"median results per query: {statistics.median(counts):g}"
        ],
    )


def run_cold(ctx) -> list[Result]:
    """The cold search on the campus's catalogue, then on a catalogue of `EXTRA_TOTAL` paths
    (extra light paths generated for the scenario, and removed afterwards)."""
    queries = typed_queries()
    results = [cold_row(ctx, queries)]
    load_catalogue.remove_extra_paths()  # left by an interrupted run
    published = TrainingPathPage.objects.live().count()
    extra = max(0, (EXTRA_TOTAL_QUICK if ctx.settings.quick else EXTRA_TOTAL) - published)
    started = time.perf_counter()
    load_catalogue.add_extra_paths(extra, random.Random(EXTRA_PATHS_SEED))
    if connection.vendor == "postgresql":  # as the load data does once generated
        with connection.cursor() as cursor:
            for table in ANALYZED:
                cursor.execute(f"ANALYZE {table}")
    generated = time.perf_counter() - started
    try:
        larger = cold_row(ctx, queries)
        larger.notes.append(f"{extra} extra paths generated in {generated:.1f} s, then removed")
        results.append(larger)
    finally:
        load_catalogue.remove_extra_paths()
    return results
