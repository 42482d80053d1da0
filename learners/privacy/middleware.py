"""Puts the current request in the audit log's context.

Every event recorded while serving it names who did it and from where.
"""

from django.http import HttpRequest, HttpResponse

from learners.privacy import audit


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with audit.serving(request):
            return self.get_response(request)
