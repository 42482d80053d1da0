"""The peer's baseline: the same view as the campus's (bench/views.py), in this project."""

from functools import cache

from django.http import HttpResponse


@cache
def _minimal_html(size: int) -> bytes:
    head = b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Bench</title>'
    head += b"</head><body><main><p>"
    tail = b"</p></main></body></html>\n"
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


def benchmark_minimal(request, size: int):
    """HTML of `size` bytes and nothing else, behind the same middleware as every page."""
    return HttpResponse(_minimal_html(min(size, 2_000_000)))


def healthz(request):
    return HttpResponse(b"ok", content_type="text/plain")
