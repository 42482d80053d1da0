"""The campus's URLs with the benchmarks' minimal view in front (`ROOT_URLCONF` of
campus/settings/bench.py; the test-client transport passes it as `urlconf`)."""

from django.urls import path

from bench.views import benchmark_minimal
from campus import urls as campus_urls

urlpatterns = [
    path("_bench/minimal/<int:size>/", benchmark_minimal, name="benchmark_minimal"),
    *campus_urls.urlpatterns,
]
handler403 = campus_urls.handler403
handler404 = campus_urls.handler404
handler500 = campus_urls.handler500
