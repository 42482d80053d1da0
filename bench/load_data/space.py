"""The benchmarks' agent for "Mon espace" (`SPECIAL_ACCOUNTS["space_agent"]`): an account whose
dashboard is known exactly, so that the page is measured on the same content every run.

At full scale, exactly `ENROLMENTS` enrolments: `CERTIFICATES` completed paths (their
certificates are written with everyone's, `records.write_certificates`), `SESSIONS` paths on the
way to their session module with a seat in an upcoming session (`records.write_registrations`),
the others in progress or just enrolled. The agent works directly for a direction outside the
benchmarks' ministry: no campaign assigns them anything, and the teams measured keep their size.
On a campus too small for it (fewer paths, fewer session modules) the agent gets what exists.
"""

from learners.accounts.models import OrgUnit
from learners.learning.models import Enrolment

ENROLMENTS = 10
SESSIONS = 3
CERTIFICATES = 2

Status = Enrolment.Status


def choose_agent(agents, units, bench_ministry) -> int:
    """The first active agent attached to a direction itself (campaigns target sous-directions)
    outside the benchmarks' ministry; `agents` are (user id, unit id, active)."""
    bench_units = set()
    stack = [bench_ministry]
    while stack:
        unit = stack.pop()
        bench_units.add(unit.id)
        stack.extend(unit.children)
    directions = [
        unit.id
        for unit in units
        if unit.kind == OrgUnit.Kind.DIRECTION and unit.id not in bench_units
    ]
    for direction in directions:
        for user_id, unit_id, active in agents:
            if unit_id == direction and active:
                return user_id
    raise ValueError("No direction outside the benchmarks' ministry: add agents.")


def _session_index(info) -> int:
    return next(i for i, a in enumerate(info.activities) if a.id == info.session_module_id)


def plan(user_id: int, paths, add) -> None:
    """Plan the agent's enrolments through `add(user_id, path info, status=, done=, seat=)`
    (`activity.plan`): seats on session paths first, then completed paths
    (without session module: no attendance row), then the others."""
    with_seats = [info for info in paths if info.session_module_id and info.future_sessions]
    with_seats = with_seats[:SESSIONS]
    # Completed paths and the rest have no session module: the agent's registrations are
    # exactly the seats above.
    others = [info for info in paths if not info.session_module_id]
    for info in with_seats:
        done = _session_index(info)  # everything before the session module
        status = Status.IN_PROGRESS if done else Status.ENROLLED
        add(user_id, info, status=status, done=done, seat=True)
    for info in others[:CERTIFICATES]:
        add(user_id, info, status=Status.COMPLETED, done=len(info.activities))
    rest = others[CERTIFICATES : ENROLMENTS - len(with_seats)]
    for number, info in enumerate(rest):
        if number % 3 == 2:
            add(user_id, info, status=Status.ENROLLED, done=0)
        else:
            add(user_id, info, status=Status.IN_PROGRESS, done=max(1, len(info.activities) // 3))
