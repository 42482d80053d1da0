"""Mon espace costs the same number of queries whatever the agent holds: one enrolment, or ten
enrolments with three upcoming sessions and two certificates (the benchmark's agent,
`bench.load_data.space`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import TrainingPathFactory
from learners.factories import EnrolmentFactory
from learners.learning import services as learning_services
from learners.sessions import services as sessions_services
from tests.learners.builders import session_of
from tests.learners.certification.fixtures import agent, certified, learning_path

pytestmark = pytest.mark.django_db

# Session, user, the header's role checks, enrolments, sessions (3), certificates, assignments.
DASHBOARD_BUDGET = 12


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    """These tests do not read the PDF: skip WeasyPrint."""
    monkeypatch.setattr("learners.certification.pdf.render_pdf", lambda certificate: b"%PDF-")


def page_queries(client, user) -> list[str]:
    """The SQL of one view of Mon espace by `user`, after a first one."""
    client.force_login(user)
    assert client.get("/mon-espace/").status_code == 200  # fills the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/mon-espace/")
    assert response.status_code == 200
    return [query["sql"][:120] for query in captured.captured_queries]


def test_queries_dashboard_constant_with_enrolments_sessions_and_certificates(
    client, django_capture_on_commit_callbacks
):
    """1 enrolment, or 10 enrolments + 3 upcoming sessions + 2 certificates: same queries."""
    light = agent(email="une.inscription@campus.example")
    EnrolmentFactory(user=light, path=TrainingPathFactory(live=True, title="Parcours seul"))

    heavy = agent(email="dix.inscriptions@campus.example")
    for number in range(5):
        path = TrainingPathFactory(live=True, title=f"Parcours {number}")
        EnrolmentFactory(user=heavy, path=path)
    for number in range(3):
        path = learning_path(title=f"Avec atelier {number}", quiz=False, session_module=True)
        learning_services.enrol(user=heavy, path=path)
        sessions_services.register_for_session(user=heavy, session=session_of(path))
    for number in range(2):
        path = learning_path(title=f"Certifiant {number}", quiz=False)
        assert certified(heavy, path, django_capture_on_commit_callbacks) is not None

    light_sql, heavy_sql = page_queries(client, light), page_queries(client, heavy)
    assert len(heavy_sql) == len(light_sql), "\n".join(heavy_sql)
    assert len(heavy_sql) <= DASHBOARD_BUDGET, "\n".join(heavy_sql)


def test_queries_dashboard_shows_everything(client, django_capture_on_commit_callbacks):
    """The agent's paths, sessions and certificates are all on the page (what is counted above
    is the whole page)."""
    user = agent()
    path = learning_path(title="Avec atelier", quiz=False, session_module=True)
    learning_services.enrol(user=user, path=path)
    sessions_services.register_for_session(user=user, session=session_of(path))
    certificate = certified(
        user, learning_path(title="Certifiant", quiz=False), django_capture_on_commit_callbacks
    )
    client.force_login(user)
    text = client.get("/mon-espace/").content.decode()
    assert "Avec atelier" in text
    assert "Certifiant" in text
    assert certificate.display_code in text
    assert "Mes prochaines sessions" in text
