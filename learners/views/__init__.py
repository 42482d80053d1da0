"""Views of the agent's learning space, split by area (enrolment, learning, sessions, dashboard).

Views hold no business rules: they call `learners.services` and `learners.selectors`, and map
`learners.exceptions` to responses (404, 403 with a clear message, or a message on the page).
"""
