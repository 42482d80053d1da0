"""Figures of the team pages on a hand-built organisation (see team_builders): every number is
known in advance."""

import datetime

import pytest
from django.http import QueryDict

from learners.team.agents import agent_record, agents_table
from learners.team.figures import (
    completions_by_month,
    key_figures,
    path_table,
    unit_breakdown,
)
from learners.team.filters import OutOfScope, Period, months_before, resolve
from tests.learners.team.builders import build_org

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(module_db):
    """Built once for the module (rolled back at its end); tests that write use fresh objects."""
    return build_org()


def query_for(user, unit=None, **params):
    return resolve(user, QueryDict(mutable=True) | params, unit=unit)[1]


def test_selectors_team_figures_key_figures_all_time(org):
    """Manager of A: 3 agents, all enrolled, 1 path completed, 3 assigned (1 done, 2 late),
    80 minutes of training (abandoned enrolments count)."""
    figures = key_figures(query_for(org.manager))
    assert figures.agents == 3
    assert figures.enrolled_agents == 3
    assert figures.paths_completed == 1
    assert (figures.assigned, figures.assigned_completed, figures.overdue) == (3, 1, 2)
    assert figures.assigned_completion_rate == 33
    assert figures.minutes == 80
    assert figures.hours == 1.3


def test_selectors_team_figures_key_figures_last_30_days(org):
    """Over 30 days: a2 (nothing since 100 days) drops out; hours come from the completions
    dated in the period (a1's two lessons, a3's first P1 lesson)."""
    figures = key_figures(query_for(org.manager, periode=Period.DAYS_30))
    assert figures.agents == 3
    assert figures.enrolled_agents == 2
    assert figures.paths_completed == 1
    assert figures.minutes == 60
    assert (figures.assigned, figures.assigned_completed, figures.overdue) == (3, 1, 2)


def test_selectors_team_figures_key_figures_for_a_path(org):
    """The path filter narrows every figure to P2."""
    figures = key_figures(query_for(org.manager, parcours=str(org.p2.pk)))
    assert figures.enrolled_agents == 1  # a1 (a3 abandoned)
    assert figures.paths_completed == 0
    assert figures.minutes == 20
    assert figures.assigned == 0
    assert figures.assigned_completion_rate is None


def test_selectors_team_figures_path_table(org):
    """Path × status: P1 1 not started, 1 in progress, 1 completed, 2 late; P2 1 in progress,
    1 abandoned."""
    rows = {row.title: row for row in path_table(query_for(org.manager))}
    p1, p2 = rows["Parcours P1"], rows["Parcours P2"]
    assert (p1.not_started, p1.in_progress, p1.completed, p1.abandoned, p1.overdue) == (
        1,
        1,
        1,
        0,
        2,
    )
    assert (p1.total, p1.completion_rate) == (3, 33)
    assert (p2.not_started, p2.in_progress, p2.completed, p2.abandoned, p2.overdue) == (
        0,
        1,
        0,
        1,
        0,
    )
    assert (p2.total, p2.completion_rate) == (1, 0)


def test_selectors_team_figures_path_table_administrator(org):
    """The administrator counts everyone: b1 and d1 too."""
    rows = {row.title: row for row in path_table(query_for(org.admin))}
    assert (rows["Parcours P1"].completed, rows["Parcours P1"].total) == (2, 4)
    assert (rows["Parcours P2"].in_progress, rows["Parcours P2"].completed) == (2, 1)


def test_selectors_team_figures_unit_breakdown_top(org):
    """At the top of the manager's scope: one row, bureau A with everything below it."""
    (row,) = unit_breakdown(query_for(org.manager))
    assert row.unit == org.unit_a and not row.direct
    assert (row.agents, row.enrolled_agents, row.in_progress, row.completed) == (3, 3, 3, 1)
    assert (row.assigned, row.assigned_completed, row.overdue) == (3, 1, 2)


def test_selectors_team_figures_unit_breakdown_drill_down(org):
    """In bureau A: its section, and a row for the agents attached to A itself."""
    rows = unit_breakdown(query_for(org.manager, unit=org.unit_a))
    section, direct = rows
    assert section.unit == org.section_a1 and not section.direct
    assert (section.agents, section.enrolled_agents, section.in_progress, section.completed) == (
        1,
        1,
        1,
        0,
    )
    assert (section.assigned, section.overdue) == (1, 1)
    assert direct.unit == org.unit_a and direct.direct
    assert (direct.agents, direct.enrolled_agents, direct.in_progress, direct.completed) == (
        2,
        2,
        2,
        1,
    )
    assert (direct.assigned, direct.assigned_completed, direct.overdue) == (2, 1, 1)
    assert direct.assigned_completion_rate == 50


def test_selectors_team_figures_unit_breakdown_administrator(org):
    """The administrator's top rows are the ministries, plus agents attached to no unit."""
    rows = unit_breakdown(query_for(org.admin))
    ministry = next(row for row in rows if row.unit == org.ministry)
    # 5 agents, 2 managers and the trainer; 5 enrolled, 4 ongoing, 3 completed.
    assert (
        ministry.agents,
        ministry.enrolled_agents,
        ministry.in_progress,
        ministry.completed,
    ) == (8, 5, 4, 3)
    assert (ministry.assigned, ministry.overdue) == (4, 3)
    without_unit = next(row for row in rows if row.unit is None)
    assert without_unit.agents >= 1  # the administrator


def test_selectors_team_figures_agents_table(org):
    """Per agent: ongoing, completed, overdue and last activity."""
    rows = {agent.email: agent for agent in agents_table(query_for(org.manager))}
    assert list(rows) == ["a1@campus.example", "a2@campus.example", "a3@campus.example"]
    a1, a2, a3 = rows.values()
    assert (a1.ongoing_count, a1.completed_count, a1.overdue_count) == (1, 1, 0)
    assert (a2.ongoing_count, a2.completed_count, a2.overdue_count) == (1, 0, 1)
    assert (a3.ongoing_count, a3.completed_count, a3.overdue_count) == (1, 0, 1)
    assert a1.last_activity_at.date() == (datetime.date.today() - datetime.timedelta(days=2))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("en_retard", ["a2", "a3"]),
        ("termine", ["a1"]),
        ("inscrit", ["a2"]),
        ("en_cours", ["a1", "a2", "a3"]),
        ("abandonne", ["a3"]),
        ("sans_inscription", []),
    ],
)
def test_selectors_team_figures_agents_status_filter(org, status, expected):
    """The status filter keeps the agents with an enrolment (or assignment) in that state."""
    agents = agents_table(query_for(org.manager, statut=status))
    assert [agent.email.split("@")[0] for agent in agents] == expected


def test_selectors_team_figures_agents_filters_combine(org):
    """Unit, path and period filters combine; sorting by lateness puts the late first."""
    query = query_for(org.manager, unite=str(org.section_a1.pk))
    assert [agent.email for agent in agents_table(query)] == ["a3@campus.example"]
    query = query_for(org.manager, parcours=str(org.p2.pk), statut="sans_inscription")
    assert [agent.email for agent in agents_table(query)] == [
        "a2@campus.example",
        "a3@campus.example",
    ]
    query = query_for(org.manager, periode="30j", statut="sans_inscription")
    assert [agent.email for agent in agents_table(query)] == ["a2@campus.example"]
    query = query_for(org.manager, tri="-retard")
    assert [agent.email for agent in agents_table(query)][-1] == "a1@campus.example"
    query = query_for(org.manager, tri="-activite")
    assert [agent.email for agent in agents_table(query)] == [
        "a1@campus.example",
        "a3@campus.example",
        "a2@campus.example",
    ]


def test_selectors_team_figures_unit_outside_scope_is_refused(org):
    """A unit id outside the scope is not a filter but a forbidden id."""
    with pytest.raises(OutOfScope):
        query_for(org.manager, unite=str(org.unit_b.pk))
    with pytest.raises(OutOfScope):
        query_for(org.manager, unit=org.section_a1, unite=str(org.unit_a.pk))


def test_selectors_team_figures_completions_by_month(org):
    """Twelve months, the completions of the scope in the right month (a1's P1, 10 days ago)."""
    months = completions_by_month(query_for(org.manager))
    assert len(months) == 12
    assert sum(month.completed for month in months) == 1
    done = (datetime.date.today() - datetime.timedelta(days=10)).replace(day=1)
    assert next(m for m in months if m.month == done).completed == 1


def test_selectors_team_figures_agent_record(org):
    """An agent's record: status, progress, dates, due date and lateness per path."""
    rows = {row.title: row for row in agent_record(org.a3, today=datetime.date.today())}
    p1, p2 = rows["Parcours P1"], rows["Parcours P2"]
    assert p1.enrolment.progress_percent == 50 and p1.overdue
    assert p1.assignment.due_date == org.campaign_a.due_date
    assert p2.enrolment.status == "abandonne" and p2.assignment is None
    assert p1.hours == 0.3


def test_selectors_team_figures_months_before():
    """Month arithmetic keeps the day when it exists, else the month's last day."""
    assert months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)
    assert months_before(datetime.date(2024, 5, 31), 3) == datetime.date(2024, 2, 29)
