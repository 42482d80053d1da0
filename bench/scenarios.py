"""Benchmarks of the campus at public-service scale (`manage.py bench`, docs/performance.md).

One module per scenario; each `run(ctx)` measures the campus's own code path against a baseline
in the same run and returns a `harness.Result` (ratio, spread, goal, queries at two sizes).
"""

from bench import (
    api,
    catalogue,
    completion,
    export,
    http,
    packages,
    pages,
    peer,
    registrations,
    team,
    xapi,
)

# (key, function, needs the HTTP server)
SCENARIOS = [
    ("team", team.run, False),
    ("team_ministry", team.run_organisation, False),
    ("learning_view", http.learning_view, True),
    ("path_page", http.path_page, True),
    ("my_space", pages.my_space, True),
    ("team_http", pages.team_http, True),
    ("completion", completion.run, False),
    ("catalogue", catalogue.run, False),
    ("catalogue_cold", catalogue.run_cold, False),
    ("export", export.run, False),
    ("registrations", registrations.run, True),
    ("peer", peer.run, True),
    ("api_completions", api.run, False),
    ("scorm_commit", packages.run, False),
    ("xapi_outbox", xapi.outbox, False),
    ("xapi_drain", xapi.drain, False),
]
