"""`manage.py generate_load_data` at tiny sizes, on the test database (SQLite or PostgreSQL).

Every test needs the database; the campus is generated once for the module.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench.load_data import BENCH_DOMAIN, SPECIAL_ACCOUNTS
from courses.models import TrainingPathPage, TrainingSession
from learners.accounts.models import User
from learners.certification.models import Certificate
from learners.learning import services
from learners.learning.models import ActivityCompletion, Enrolment, QuizAttempt
from learners.team.models import Assignment
from learners.team.scope import agents_in_scope

pytestmark = pytest.mark.django_db

TINY = {
    "agents": 80,
    "paths": 2,
    "catalogue_paths": 3,
    "completions": 300,
    "sessions": 4,
    "team_size": 20,
    "activities": "8-10",
}


@pytest.fixture(scope="module")
def campus(module_db):
    call_command("generate_load_data", scale="small", stdout=StringIO(), **TINY)


def test_commands_generate_load_data_counts(campus):
    """The requested numbers of agents, published paths, completions and sessions exist."""
    assert User.objects.filter(email__endswith="@" + BENCH_DOMAIN).count() == TINY["agents"]
    assert TrainingPathPage.objects.live().count() == TINY["catalogue_paths"]
    assert ActivityCompletion.objects.count() == TINY["completions"]
    assert TrainingSession.objects.count() == TINY["sessions"]


def test_commands_generate_load_data_every_status(campus):
    """Enrolments exist in every status, with assignments, attempts and certificates."""
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == set(Enrolment.Status.values)
    assert Assignment.objects.exists()
    assert QuizAttempt.objects.filter(passed=True).exists()
    completed = Enrolment.objects.filter(status=Enrolment.Status.COMPLETED).count()
    assert Certificate.objects.count() == completed


def test_commands_generate_load_data_benchmark_teams(campus):
    """The direction manager sees exactly `team_size` agents, the ministry manager twice as
    many."""
    direction = User.objects.get(email=SPECIAL_ACCOUNTS["direction_manager"])
    ministry = User.objects.get(email=SPECIAL_ACCOUNTS["ministry_manager"])
    assert agents_in_scope(direction).count() == TINY["team_size"]
    assert agents_in_scope(ministry).count() == 2 * TINY["team_size"]


def test_commands_generate_load_data_stored_progress(campus):
    """Stored progress agrees with the completions: recomputing it changes nothing."""
    for path in TrainingPathPage.objects.filter(enrolments__isnull=False).distinct():
        assert services.refresh_path_progress(path=path) == 0


def test_commands_generate_load_data_refuses_twice(campus):
    """A database that already holds load data is refused."""
    with pytest.raises(CommandError, match="already holds load data"):
        call_command("generate_load_data", scale="small", stdout=StringIO(), **TINY)
