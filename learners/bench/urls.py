"""The campus's URLs with the benchmarks' minimal view, for the test-client transport (the
benchmark's own server turns it on with settings.BENCHMARK_VIEWS instead)."""

from django.urls import path

from campus import urls as campus_urls
from campus.views import benchmark_minimal

urlpatterns = [
    path("_bench/minimal/<int:size>/", benchmark_minimal, name="benchmark_minimal"),
    *campus_urls.urlpatterns,
]
handler403 = campus_urls.handler403
handler404 = campus_urls.handler404
handler500 = campus_urls.handler500
