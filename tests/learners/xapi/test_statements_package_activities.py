"""SCORM and H5P activities send their statements like lessons and quizzes: opening one in the
learning view is "launched", completing it (through the player's commits) is "completed", each
with an ADL activity type, and neither breaks the agent's request when xAPI is on."""

import uuid

import pytest

from learners.factories import UserFactory
from learners.learning import services as learning_services
from learners.learning.packages.datamodel import clean_cmi
from learners.learning.packages.services import commit
from learners.xapi.models import StatementOutbox
from learners.xapi.statements import ACTIVITY_TYPES, ADL_ACTIVITIES, page_iri
from tests.learners.xapi.schema import assert_valid_statement
from tests.packages import H5P_TRUEFALSE, SCORM12, package_path, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path_factory):
    settings.PACKAGE_ROOT = tmp_path_factory.getbasetemp() / "packages"


def statements_about(page) -> dict[str, dict]:
    iri = page_iri(page.pk)
    rows = StatementOutbox.objects.order_by("pk")
    return {
        row.statement["verb"]["id"].rsplit("/", 1)[-1]: row.statement
        for row in rows
        if row.statement["object"].get("id") == iri
    }


def test_statements_package_every_outline_kind_has_an_activity_type():
    """Each kind the outline gives an activity has an ADL type (a missing one raised KeyError
    inside the agent's request)."""
    for kind in ("lesson", "quiz", "session", "scorm", "h5p"):
        assert ACTIVITY_TYPES[kind].startswith(ADL_ACTIVITIES)


@pytest.mark.parametrize(
    ("name", "data", "activity_type"),
    [
        (SCORM12, {"cmi.core.lesson_status": "completed"}, "lesson"),
        (
            H5P_TRUEFALSE,
            {"state": "{}", "result": {"completion": True, "success": True, "score": None}},
            "interaction",
        ),
    ],
)
def test_statements_package_launched_then_completed(client, xapi_on, name, data, activity_type):
    package = stored(name)
    path = package_path(package)
    page = path.get_descendants().type(*_package_types()).specific().get()
    agent = UserFactory()
    learning_services.enrol(user=agent, path=path)
    client.force_login(agent)

    assert client.get(f"/apprendre/{page.pk}/").status_code == 200
    sco = "" if package.kind == "h5p" else package.sco_identifiers[0]
    if package.kind != "h5p":
        data = clean_cmi(package.kind, data)
    outcome = commit(
        user=agent, page=page, path=path, sco=sco, attempt_key=uuid.uuid4(), sequence=1, data=data
    )
    assert outcome.result.completed

    statements = statements_about(page)
    assert {"launched", "completed"} <= set(statements)
    for statement in statements.values():
        assert_valid_statement(statement)
        assert statement["object"]["definition"]["type"] == ADL_ACTIVITIES + activity_type


def _package_types():
    from courses.models import H5PActivityPage, ScormActivityPage

    return (ScormActivityPage, H5PActivityPage)
