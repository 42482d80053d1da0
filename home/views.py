"""Site-wide pages (footer links) and error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.views.generic import TemplateView


class SitePageView(TemplateView):
    """A static page of the site, whose text lives in its template."""

    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database access: the error may come from them.
    from django.template import loader

    # The request id (campus/request_log.py): the support team finds the error's logs with it.
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
