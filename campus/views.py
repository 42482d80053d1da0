"""Project-level views: the health check."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from campus import health


@never_cache
@require_GET
def healthz(request):
    """The state of the database, the cache and the task queue, as JSON (`campus.health`):
    200 while the database answers (the status says "degraded" when the cache or the queue
    does not), 503 when it does not (for load balancers and PaaS)."""
    body, status = health.report()
    return JsonResponse(body, status=status)
