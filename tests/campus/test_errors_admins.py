"""Without SENTRY_DSN, unhandled errors are e-mailed to ADMINS (Django's mail_admins, through
the logging configuration), without the agent's e-mail address; ADMINS and SERVER_EMAIL come
from the environment; a production without either destination fails `check --deploy`."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from campus.settings.env import parse_addresses
from learners.factories import UserFactory
from tests.campus.test_settings import production_env, run_manage

ADDRESS = "camille.durand@numerique.gouv.fr"
ADMINS = [("Équipe campus", "campus@campus.example")]


@pytest.mark.django_db
@pytest.mark.urls("tests.campus.failing_urls")
@override_settings(ADMINS=ADMINS, SERVER_EMAIL="Campus <erreurs@campus.example>")
def test_errors_admins_emailed_without_the_agents_address(client):
    """One e-mail to ADMINS, from SERVER_EMAIL, naming the error; no address in its subject or
    body, the agent known by id."""
    agent = UserFactory(email=ADDRESS, first_name="Camille", last_name="Durand")
    client.force_login(agent)
    client.raise_request_exception = False
    mail.outbox.clear()
    assert client.get(f"/panne/{ADDRESS}/").status_code == 500
    (message,) = mail.outbox
    assert message.to == ["campus@campus.example"]
    assert message.from_email == "Campus <erreurs@campus.example>"
    assert message.subject.endswith("Internal Server Error: /panne/[e-mail]/")
    assert "ValueError" in message.body
    assert ADDRESS not in message.body
    assert f"id {agent.pk}" in message.body
    assert "Durand" not in message.body


def test_errors_admins_addresses_parsed():
    """ADMINS="Name <address>, …" (RFC 5322, as in an e-mail header) gives Django's pairs."""
    assert parse_addresses(
        "ADMINS", "Équipe campus <campus@campus.example>, ops@campus.example"
    ) == [
        ("Équipe campus", "campus@campus.example"),
        ("", "ops@campus.example"),
    ]
    assert parse_addresses("ADMINS", "") == []
    with pytest.raises(ImproperlyConfigured, match="ADMINS"):
        parse_addresses("ADMINS", "Équipe campus")


def test_errors_admins_from_the_environment(tmp_path):
    """ADMINS and SERVER_EMAIL are read from the environment; without SENTRY_DSN the `django`
    logger e-mails them, with SENTRY_DSN it does not (Sentry receives the errors)."""
    code = (
        "import logging; from django.conf import settings as s; import sentry_sdk; "
        "print(s.ADMINS, s.SERVER_EMAIL); "
        "print(sorted(type(h).__name__ for h in logging.getLogger('django').handlers)); "
        "print(sentry_sdk.get_client().is_active())"
    )
    environment = {
        **production_env(tmp_path),
        "ADMINS": "Équipe campus <campus@campus.example>",
        "SERVER_EMAIL": "Campus <erreurs@campus.example>",
    }
    without_sentry = run_manage("shell", "--no-imports", "-c", code, **environment)
    assert without_sentry.returncode == 0, without_sentry.stderr
    assert without_sentry.stdout.splitlines() == [
        "[('Équipe campus', 'campus@campus.example')] Campus <erreurs@campus.example>",
        "['ScrubbedAdminEmailHandler']",
        "False",
    ]
    with_sentry = run_manage(
        "shell", "--no-imports", "-c", code, SENTRY_DSN="http://key@127.0.0.1:9/1", **environment
    )
    assert with_sentry.returncode == 0, with_sentry.stderr
    assert with_sentry.stdout.splitlines()[1:] == ["[]", "True"]


def test_errors_admins_deploy_check_wants_a_destination(tmp_path):
    """`check --deploy` warns when errors would reach no one: neither SENTRY_DSN nor ADMINS."""
    environment = production_env(tmp_path)
    del environment["ADMINS"]
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode != 0
    assert "campus.W001" in result.stdout + result.stderr
    with_sentry = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SENTRY_DSN="http://key@127.0.0.1:9/1",
        **environment,
    )
    assert with_sentry.returncode == 0, with_sentry.stdout + with_sentry.stderr
