"""SCORM and H5P activities on the agents' side: the data model the server accepts
(`datamodel`, `payload`), results and rollup (`results`), the commit service (`services`) and
what the learning view shows (`context.package_context`). See docs/content-packages.md.
"""

from learners.learning.packages.context import package_context, started_activities

__all__ = ["package_context", "started_activities"]
