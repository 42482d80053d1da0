"""The peer side by side (bench/peer.py): wagtail-lms's project sets up and serves its lesson,
and the scenario returns both sides' results once in quick mode.

wagtail-lms lives in .venv-peer (`scripts/peer install`): without it the tests that serve it are
skipped, unless PEER=required (then they fail).
"""

import os

import pytest
import requests

from bench import peer
from bench.harness import table
from tests.bench.conftest import tiny_campus

PEER_REQUIRED = os.environ.get("PEER", "").lower() == "required"


def require_peer() -> None:
    reason = peer.peer_unavailable()
    if reason is None:
        return
    if PEER_REQUIRED:
        pytest.fail(f"PEER=required: {reason}")
    pytest.skip(reason)


def test_bench_peer_lesson_served(tmp_path):
    """The peer project creates its course and lesson; the lesson answers 200 with its text
    to the enrolled learner, and sends an anonymous visitor to sign in."""
    require_peer()
    database = tmp_path / "peer.sqlite3"
    created = peer.setup_peer(database)
    assert created["lesson_status"] == 200
    assert created["versions"]["wagtail-lms"]
    assert peer.setup_peer(database)["lesson_url"] == created["lesson_url"]  # idempotent
    with peer.PeerServer(database, log=lambda *args: None) as server:
        status, body = server.get(created["lesson_url"], created["cookie"])
        assert status == 200
        assert created["lesson_text"].encode() in body
        anonymous = requests.get(server.base + created["lesson_url"], allow_redirects=False)
        assert anonymous.status_code == 302
        assert "/login/" in anonymous.headers["Location"]
        size = len(body)
        status, body = server.get(peer._baseline_path(size), created["cookie"])
        assert (status, len(body)) == (200, size)


@pytest.fixture(scope="module")
def ctx(module_db):
    return tiny_campus(
        agents=40, catalogue_paths=2, completions=100, sessions=2, team_size=10, activities="8-9"
    )


@pytest.mark.django_db
def test_bench_peer_scenario(ctx):
    """Two results: the campus's anonymous lesson page and wagtail-lms's lesson, each against
    its own baseline; wagtail-lms's says why when it is not installed."""
    campus, wagtail_lms = peer.run(ctx)
    assert (campus.key, wagtail_lms.key) == ("peer_campus", "peer_wagtail_lms")
    assert campus.unit == wagtail_lms.unit == "req/s"
    assert all(value > 0 for value in [*campus.campus, *campus.baseline])
    assert None not in campus.queries
    assert campus.title in table([campus, wagtail_lms])
    if peer.peer_unavailable():
        assert wagtail_lms.checks == {"wagtail-lms installed": False}
        assert "not measured" in wagtail_lms.notes[0]
        assert not PEER_REQUIRED
    else:
        assert all(value > 0 for value in [*wagtail_lms.campus, *wagtail_lms.baseline])
        assert "wagtail-lms 0." in wagtail_lms.title
        assert any("Wagtail" in note for note in wagtail_lms.notes)


@pytest.mark.django_db
def test_bench_peer_scenario_without_peer(ctx, monkeypatch, tmp_path):
    """Without .venv-peer the campus is still measured, and the second row says why
    wagtail-lms is not."""
    monkeypatch.setattr(peer, "peer_venv", lambda: tmp_path / ".venv-peer")
    campus, wagtail_lms = peer.run(ctx)
    assert all(value > 0 for value in [*campus.campus, *campus.baseline])
    assert wagtail_lms.checks == {"wagtail-lms installed": False}
    assert ".venv-peer is not installed" in wagtail_lms.notes[0]
    assert "not measured" in table([campus, wagtail_lms])
