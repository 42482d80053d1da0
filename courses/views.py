"""`/catalogue/` under a URL name, so that navigation and templates can `{% url 'catalogue' %}`."""

from wagtail.views import serve

CATALOGUE_PATH = "catalogue/"


def catalogue(request):
    """Serve the catalogue page through Wagtail (its slug is "catalogue", see migration 0003)."""
    return serve(request, CATALOGUE_PATH)
