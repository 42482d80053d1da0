"""Extension points that `learners` fills at start-up: courses shows, learners knows.

`courses` never imports `learners`. Pages that need enrolment state ask through these
functions, which answer "nothing known" until a provider is registered, typically in
`LearnersConfig.ready()`:

    from courses import providers
    providers.register_seats_taken(selectors.confirmed_registrations_by_session)
    providers.register_learner_state(selectors.path_state_for)

Providers must answer in a constant number of queries whatever the number of ids.
"""

from collections.abc import Callable, Iterable
from typing import Any

SeatsTaken = Callable[[list[int]], dict[int, int]]
LearnerState = Callable[[Any, Any], dict | None]

_seats_taken: SeatsTaken | None = None
_learner_state: LearnerState | None = None


def register_seats_taken(provider: SeatsTaken | None) -> None:
    """`provider(session_ids)` returns {session id: confirmed registrations} (missing = 0)."""
    global _seats_taken
    _seats_taken = provider


def register_learner_state(provider: LearnerState | None) -> None:
    """`provider(request, path)` returns the current user's state on a path, or None.

    The dict is exposed to the path page as `learner_state`; keys the page understands:
    `enrolled` (bool), `progress_percent` (int), `resume_url` (str), `resume_label` (str:
    what its button says),
    `completed_activity_ids` (set of outline activity ids, marked "Terminé" in the outline),
    `template` (a template included in the page's "learner_state" block, given `state`).
    """
    global _learner_state
    _learner_state = provider


def seats_taken(session_ids: Iterable[int]) -> dict[int, int]:
    """Confirmed registrations per session ({} until `learners` registers a provider)."""
    session_ids = list(session_ids)
    if _seats_taken is None or not session_ids:
        return {}
    return _seats_taken(session_ids)


def learner_state(request, path) -> dict | None:
    """The current user's state on `path` (None for anonymous users or without a provider)."""
    if _learner_state is None or not request.user.is_authenticated:
        return None
    return _learner_state(request, path)
