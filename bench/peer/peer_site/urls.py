"""wagtail-lms's URLs as its README includes them, Wagtail's pages, and the baseline."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

from peer_site.views import benchmark_minimal, healthz

urlpatterns = [
    path("healthz", healthz),
    path("_bench/minimal/<int:size>/", benchmark_minimal, name="benchmark_minimal"),
    path("lms/", include("wagtail_lms.urls")),
    path("", include(wagtail_urls)),
]
