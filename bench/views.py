"""The benchmarks' baseline views (routed by bench/urls.py, never by the campus's URLs)."""

from functools import cache

from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.http import require_POST


@cache
def _minimal_html(size: int) -> bytes:
    head = b'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Banc</title>'
    head += b"</head><body><main><p>"
    tail = b"</p></main></body></html>\n"
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


def benchmark_minimal(request, size: int):
    """The benchmarks' baseline: HTML of `size` bytes and nothing else, behind the same
    middleware as every page."""
    return HttpResponse(_minimal_html(min(size, 2_000_000)))


@require_POST
def benchmark_insert(request, activity_id: int, path_id: int, minutes: int):
    """The completion's baseline: a signed-in POST (the same middleware, session, user and CSRF
    check as every page) that inserts one completion row and redirects, and nothing else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO learners_activitycompletion "
            "(user_id, activity_id, path_id, duration_minutes, completed_at) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [
                *(request.user.pk, activity_id, path_id, minutes),
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )
    return HttpResponseRedirect("/")
