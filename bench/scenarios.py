"""Benchmarks of the campus at public-service scale (`manage.py bench`, docs/performance.md).

One module per scenario; each `run(ctx)` measures the campus's own code path against a baseline
in the same run and returns a `harness.Result` (ratio, spread, goal, queries at two sizes).
"""

from bench import catalogue, completion, export, http, registrations, team

# (key, function, needs the HTTP server)
SCENARIOS = [
    ("team", team.run, False),
    ("learning_view", http.learning_view, True),
    ("path_page", http.path_page, True),
    ("completion", completion.run, False),
    ("catalogue", catalogue.run, False),
    ("export", export.run, False),
    ("registrations", registrations.run, True),
]
