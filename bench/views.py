"""The benchmarks' baseline view (routed by bench/urls.py, never by the campus's URLs)."""

from functools import cache

from django.http import HttpResponse


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
