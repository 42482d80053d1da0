"""Benchmark settings (`make bench`, docs/performance.md): production settings plus the `bench`
app (scenarios, load-data generator, the baseline view), which production never installs."""

from campus.settings.base import *  # noqa: F403
from campus.settings.base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# The campus's URLs with the benchmarks' minimal baseline view in front.
ROOT_URLCONF = "bench.urls"
