"""The campus's URLs with the benchmarks' minimal views in front (`ROOT_URLCONF` of
campus/settings/bench.py; the test-client transport passes it as `urlconf`)."""

from django.urls import path

from bench.views import benchmark_insert, benchmark_minimal
from campus import urls as campus_urls

urlpatterns = [
    path("_bench/minimal/<int:size>/", benchmark_minimal, name="benchmark_minimal"),
    path(
        "_bench/insert/<int:activity_id>/<int:path_id>/<int:minutes>/",
        benchmark_insert,
        name="benchmark_insert",
    ),
    *campus_urls.urlpatterns,
]
handler403 = campus_urls.handler403
handler404 = campus_urls.handler404
handler500 = campus_urls.handler500
