"""Project-level views: health check, and the benchmarks' minimal baseline view."""

from functools import cache

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database is reachable, 503 otherwise (for load balancers and PaaS)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@cache
def _minimal_html(size: int) -> bytes:
    head = b'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Banc</title>'
    head += b"</head><body><main><p>"
    tail = b"</p></main></body></html>\n"
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


def benchmark_minimal(request, size: int):
    """The benchmarks' baseline: HTML of `size` bytes and nothing else, behind the same
    middleware as every page. Routed only when settings.BENCHMARK_VIEWS is on."""
    return HttpResponse(_minimal_html(min(size, 2_000_000)))
