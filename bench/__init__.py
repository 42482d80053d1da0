"""Benchmarks of the campus at public-service scale (`make bench`, docs/performance.md): the
scenarios (`scenarios`), their harness and context, and the load-data generator (`load_data`).

A Django app installed only by `campus.settings.bench` (and the test settings): production
never imports it.
"""
