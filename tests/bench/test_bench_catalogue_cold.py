"""The cold catalogue search scenario runs once on a tiny campus (not timed: the figures mean
nothing here): two rows, the campus's catalogue and a larger one, whose extra paths are
removed afterwards.

Every test needs the database; the tiny campus is generated once for the module.
"""

import pytest

from bench import catalogue
from bench.harness import Settings, table
from bench.load_data.catalogue import EXTRA_SLUG
from courses.models import CatalogPage, TrainingPathPage

pytestmark = pytest.mark.django_db


def test_bench_catalogue_cold_rows(ctx):
    """Two complete rows, every query finding paths, the same query count at both sizes."""
    results = catalogue.run_cold(ctx)
    assert [result.key for result in results] == ["catalogue_cold", "catalogue_cold"]
    for result in results:
        assert result.campus and result.baseline
        assert all(value > 0 for value in [*result.campus, *result.baseline])
        assert None not in result.queries
        assert result.queries_stable
        assert all(result.checks.values())
        assert result.title in table([result])
    assert f"Catalogue of {catalogue.EXTRA_TOTAL_QUICK} published paths" in results[1].title


def test_bench_catalogue_cold_removes_extra_paths(ctx):
    """The extra paths are gone afterwards, and the catalogue's tree is consistent again."""
    before = TrainingPathPage.objects.count()
    catalogue.run_cold(ctx)
    assert TrainingPathPage.objects.count() == before
    assert not TrainingPathPage.objects.filter(slug__startswith=EXTRA_SLUG).exists()
    parent = CatalogPage.objects.get()
    assert parent.numchild == parent.get_children().count()


def test_bench_catalogue_cold_queries_all_different():
    """The typed queries are distinct and enough for a full run without repeating one."""
    queries = catalogue.typed_queries()
    settings = Settings()
    assert len(set(queries)) == len(queries)
    assert len(queries) > 1 + settings.rounds * settings.iterations
