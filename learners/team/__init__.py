"""Managers' team reports ("Mon équipe"): who may see which agents, and the figures they see.

- scope: the units and agents a manager may see (`team_scope`, `agents_in_scope`);
- filters: the GET filters of the team pages, resolved into a `TeamQuery`;
- figures: key figures, path × status table, unit breakdown, completions per month (GROUP BY);
- agents: the agents table and an agent's training record;
- campaigns: figures of mandatory-training campaigns;
- charts: server-side SVG charts in the DSFR colours;
- exports: CSV / XLSX / ODS writers, streamed in chunks.

Every read runs a number of queries that does not depend on the number of agents, units or
paths (asserted in tests/learners/test_queries_team.py).
"""
