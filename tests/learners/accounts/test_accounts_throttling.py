"""Password guessing is slowed down: after five failed logins on an account within five minutes,
the next attempt is refused (allauth's rate limits, counted in the cache), whichever login page
it comes through."""

import pytest
from django.core.cache import cache
from django.core.checks import run_checks
from django.test import override_settings
from django.urls import reverse

from learners.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "L’adresse e-mail ou le mot de passe sont incorrects."
TOO_MANY = "Trop de tentatives de connexion ont échoué pour ce compte."


@pytest.fixture(autouse=True)
def empty_cache():
    """Failed attempts are counted in the cache: start and end each test with none."""
    cache.clear()
    yield
    cache.clear()


def attempt(client, email, password, url=None):
    return client.post(url or reverse("account_login"), {"login": email, "password": password})


def fail_five_times(client, email):
    for _ in range(5):
        response = attempt(client, email, "pas-le-bon-mot-de-passe")
        assert response.status_code == 200
        assert WRONG_PASSWORD in response.content.decode()
        assert TOO_MANY not in response.content.decode()


def test_accounts_throttling_sixth_attempt_is_refused_in_french(client):
    """After five failures, the sixth attempt is refused, even with the right password."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    fail_five_times(client, agent.email)
    response = attempt(client, agent.email, DEMO_PASSWORD)
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_accounts_throttling_counts_the_account_whatever_its_case(client):
    """The count is kept per account: changing the address's case does not reset it."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    fail_five_times(client, agent.email)
    response = attempt(client, agent.email.upper(), DEMO_PASSWORD)
    assert TOO_MANY in response.content.decode()


def test_accounts_throttling_leaves_other_accounts_alone(client):
    """Another agent, on the same network, still signs in."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    colleague = UserFactory(email="dominique.martin@numerique.gouv.fr")
    fail_five_times(client, agent.email)
    response = attempt(client, colleague.email, DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_accounts_throttling_ends_after_five_minutes(client):
    """The refusal lasts five minutes (the rate limit's window), not forever."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    fail_five_times(client, agent.email)
    assert TOO_MANY in attempt(client, agent.email, DEMO_PASSWORD).content.decode()
    cache.clear()  # What the cache does once the five-minute window has passed.
    assert attempt(client, agent.email, DEMO_PASSWORD).status_code == 302


def test_accounts_throttling_covers_the_wagtail_admin_login(client):
    """The Wagtail admin has no login of its own: /cms/login/ and /cms/ lead to the same
    rate-limited form, and posting to /cms/login/ authenticates no one."""
    administrator = UserFactory(email="admin@numerique.gouv.fr", is_superuser=True, is_staff=True)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/cms/login/?next=/cms/")
    assert response["Location"] == reverse("account_login") + "?next=/cms/"

    response = client.post("/cms/login/", {"login": administrator.email, "password": "x"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

    fail_five_times(client, administrator.email)
    response = attempt(client, administrator.email, DEMO_PASSWORD, url="/cms/login/")
    login_url = response["Location"]
    response = attempt(client, administrator.email, DEMO_PASSWORD, url=login_url)
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_accounts_throttling_settings_use_a_real_cache(settings):
    """The rate limits are those announced, and the local-memory cache (Redis in production)
    counts them."""
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "5/5m/key,20/5m/ip"
    assert "DummyCache" not in settings.CACHES["default"]["BACKEND"]


def test_accounts_throttling_check_refuses_a_dummy_cache():
    """`manage.py check` fails if the cache would switch the rate limits off."""
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        errors = [error.id for error in run_checks(include_deployment_checks=True)]
    assert "campus.E001" in errors
    assert "campus.E001" not in [error.id for error in run_checks()]
