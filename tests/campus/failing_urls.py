"""The campus's URLs and one view that fails as a bug would, with the agent's e-mail address in
its message: the error-reporting tests request it."""

from django.urls import path

from campus.urls import handler403, handler404, handler500  # noqa: F401 - the same error pages
from campus.urls import urlpatterns as campus_urlpatterns


def fail_with_the_agents_address(request, address):
    raise ValueError(f"No organisation unit for {request.user.email} (asked about {address})")


urlpatterns = [path("panne/<str:address>/", fail_with_the_agents_address), *campus_urlpatterns]
