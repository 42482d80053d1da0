"""Wagtail admin registrations of the learners app. Each capability registers its own admin
pages, reports and menu items in its `admin` module; importing them here runs the registrations:

- sessions: the trainers' "Présences" (attendance) pages;
- certification: the administrators' "Certificats" listing;
- privacy: the read-only "Journal d’audit" and the "Demandes d’effacement" (RGPD);
- stats: the "Statistiques des parcours" report of trainers, reviewers and administrators;
- xapi: the administrators' "Traces xAPI" (the outbox of xAPI statements);
- api: the administrators' "Clients de l’API".
"""

from learners.api import admin as api_admin  # noqa: F401
from learners.certification import admin as certification_admin  # noqa: F401
from learners.privacy import admin as privacy_admin  # noqa: F401
from learners.sessions import admin as sessions_admin  # noqa: F401
from learners.stats import admin as stats_admin  # noqa: F401
from learners.xapi import admin as xapi_admin  # noqa: F401
