"""Turns a publication refused by `courses.publication_checks` into a message, not a server error.

The page editor shows these messages itself (`CatalogPageForm`); this covers the admin routes
that publish without the editor's form, such as approving from the dashboard.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.publication_checks import PublicationBlocked


class PublicationBlockedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublicationBlocked) or exception.page_id is None:
            return None
        messages.error(
            request,
            _("La page n’a pas été publiée : %(reasons)s")
            % {"reasons": " ".join(exception.messages)},
        )
        edit_url = reverse("wagtailadmin_pages:edit", args=[exception.page_id])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # The workflow modals expect this answer, then follow `redirect`.
            return JsonResponse({"step": "success", "redirect": edit_url})
        return redirect(edit_url)
