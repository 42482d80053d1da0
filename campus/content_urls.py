"""The URLs of the content origin (campus/content_origin.py routes its requests here): package
files, the player page and the vendored runtimes. Nothing else exists on that origin."""

from django.urls import re_path

from campus import content_views

urlpatterns = [
    re_path(
        r"^lecteur/(?P<name>[a-z0-9-]+\.js)$", content_views.runtime_script, name="package_runtime"
    ),
    re_path(r"^lecteur/(?P<sha256>[0-9a-f]{64})/$", content_views.player, name="package_player"),
    re_path(
        r"^paquets/(?P<sha256>[0-9a-f]{64})/(?P<path>.+)$",
        content_views.package_file,
        name="package_file",
    ),
    re_path(r"^vendor/(?P<path>.+)$", content_views.vendor_file, name="vendor_file"),
]

handler404 = content_views.not_found
