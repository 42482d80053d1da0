"""The published content's URLs: the catalogue's name, then Wagtail's own URLs with its pages
served through `courses.routing.serve` (Wagtail's view, with the route to a path page cached
until the next publication; same pattern and name). Included last: Wagtail's is a catch-all."""

from django.urls import path, re_path
from wagtail import urls as wagtail_urls

from courses import routing, views

urlpatterns = [
    # Served by Wagtail; named so that the navigation can link to it.
    path("catalogue/", views.catalogue, name="catalogue"),
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]
