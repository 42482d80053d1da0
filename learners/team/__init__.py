"""Managers' team reports ("Mon équipe"): who may see which agents, and the figures they see.

- scope: the units and agents a manager may see (`team_scope`, `agents_in_scope`);
- filters: the GET filters of the team pages, resolved into a `TeamQuery`;
- figures: key figures, path × status table, unit breakdown, completions per month (GROUP BY);
- agents: the agents table and an agent's training record;
- campaigns: figures of mandatory-training campaigns;
- charts: server-side SVG charts in the DSFR colours;
- exports: CSV / XLSX / ODS writers, streamed in chunks;
- certificates: certificate dates read from the certificates part;
- dashboard: the agent's mandatory training in Mon espace;
- forms: campaign, "not assigned" agents and organisation import forms;
- tasks: campaign e-mails, daily reminders, large exports (django-tasks).

Writes live in learners/services/ (assignments, org_import, reminders, team_exports).

Every read runs a number of queries that does not depend on the number of agents, units or
paths (asserted in tests/learners/test_queries_team.py).
"""
