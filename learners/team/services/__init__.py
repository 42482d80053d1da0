"""Writes of the team capability, each in one transaction.

- assignments: `create_campaign`, `add_to_campaign` (mandatory training)
- org_import: `import_organisation` (HR extract, all or nothing; `org_import_apply` applies
  the plan)
- reminders: `send_reminders` (daily)
- exports: `request_export` (large team reports, built by `learners.team.tasks`)
"""

from learners.team.services.assignments import add_to_campaign, create_campaign
from learners.team.services.exports import request_export
from learners.team.services.org_import import import_organisation
from learners.team.services.reminders import send_reminders

__all__ = [
    "add_to_campaign",
    "create_campaign",
    "import_organisation",
    "request_export",
    "send_reminders",
]
