"""A ProConnect identity is never linked by e-mail alone to an account with elevated rights
(trainer, reviewer, administrator): its holder links it from Mon compte, in a session signed in
with the password (and second factor). Agents keep the link by verified e-mail. In production,
ProConnect is reached over HTTPS only."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import checks
from django.urls import reverse

from learners.accounts.checks import proconnect_over_https
from learners.accounts.models import User
from learners.accounts.permissions import ADMINISTRATORS_GROUP, TRAINERS_GROUP
from learners.factories import DEMO_PASSWORD, UserFactory
from tests.learners.accounts.fake_proconnect import AGENT_CLAIMS, login_with_proconnect

pytestmark = pytest.mark.django_db

EMAIL = AGENT_CLAIMS["email"]
ELEVATED = "Ce compte a des droits de formateur, de relecteur ou d’administrateur"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def account(*, groups=(), **fields):
    user = UserFactory(email=EMAIL, first_name="Dominique", last_name="Admin", **fields)
    EmailAddress.objects.filter(user=user).update(verified=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def sign_in_with_password(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD}
    )
    assert client.session.get("_auth_user_id") == str(user.pk), response


def link_through_proconnect(client, provider):
    response = client.post(reverse("proconnect_link"))
    assert response.status_code == 302
    callback = urlsplit(provider.follow_authorize(response["Location"]))
    return client.get(callback.path, dict(parse_qsl(callback.query)))


@pytest.mark.parametrize(
    "rights",
    [
        {"is_superuser": True, "is_staff": True},
        {"groups": [ADMINISTRATORS_GROUP]},
        {"groups": [TRAINERS_GROUP]},
    ],
    ids=["superuser", "administrator", "trainer"],
)
def test_proconnect_linking_refused_by_email_for_elevated_rights(client, fake_proconnect, rights):
    user = account(**rights)
    response = login_with_proconnect(client, fake_proconnect)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert any(ELEVATED in text for text in messages_of(response))
    assert client.session.get("_auth_user_id") is None
    user.refresh_from_db()
    assert user.proconnect_uid in ("", None)
    assert (user.first_name, user.last_name) == ("Dominique", "Admin")


def test_proconnect_linking_agent_still_linked_by_verified_email(client, fake_proconnect):
    agent = account()
    login_with_proconnect(client, fake_proconnect)
    agent.refresh_from_db()
    assert agent.proconnect_uid == AGENT_CLAIMS["sub"]
    assert client.session.get("_auth_user_id") == str(agent.pk)


def test_proconnect_linking_from_mon_compte_after_a_password_login(client, fake_proconnect):
    """The trainer signs in with the password, links from Mon compte, then signs in with
    ProConnect; their own names are kept."""
    trainer = account(groups=[TRAINERS_GROUP])
    sign_in_with_password(client, trainer)
    page = client.get(reverse("proconnect_link"))
    assert "Relier mon compte à ProConnect" in page.content.decode()
    response = link_through_proconnect(client, fake_proconnect)
    assert response["Location"] == reverse("proconnect_link")
    trainer.refresh_from_db()
    assert trainer.proconnect_uid == AGENT_CLAIMS["sub"]
    assert (
        "Votre compte est relié à ProConnect"
        in client.get(reverse("proconnect_link")).content.decode()
    )

    client.logout()
    login_with_proconnect(client, fake_proconnect)
    assert client.session.get("_auth_user_id") == str(trainer.pk)
    trainer.refresh_from_db()
    assert (trainer.first_name, trainer.last_name) == ("Dominique", "Admin")


def test_proconnect_linking_needs_a_password_login(client, fake_proconnect):
    """A session not opened with the password (here: opened by other means) cannot link."""
    trainer = account(groups=[TRAINERS_GROUP])
    client.force_login(trainer)
    page = client.get(reverse("proconnect_link")).content.decode()
    assert "Relier mon compte à ProConnect" not in page
    assert "reconnectez-vous avec votre adresse électronique, votre mot de passe" in page
    response = client.post(reverse("proconnect_link"))
    assert response["Location"] == reverse("proconnect_link")
    assert fake_proconnect.authorize_requests == []


def test_proconnect_linking_needs_the_second_factor_when_the_account_has_one(
    client, fake_proconnect
):
    admin = account(groups=[ADMINISTRATORS_GROUP])
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(admin)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": 0}]
    session["account_authentication_methods_user"] = str(admin.pk)
    session.save()
    assert "Relier mon compte" not in client.get(reverse("proconnect_link")).content.decode()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": 0},
        {"method": "mfa", "at": 1, "type": "totp"},
    ]
    session.save()
    assert "Relier mon compte" in client.get(reverse("proconnect_link")).content.decode()


def test_proconnect_linking_identity_of_another_account_is_refused(client, fake_proconnect):
    UserFactory(email="autre@numerique.gouv.fr", proconnect_uid=AGENT_CLAIMS["sub"])
    trainer = account(groups=[TRAINERS_GROUP])
    sign_in_with_password(client, trainer)
    response = link_through_proconnect(client, fake_proconnect)
    assert any("déjà reliée à un autre compte" in text for text in messages_of(response))
    trainer.refresh_from_db()
    assert not trainer.proconnect_uid


def test_proconnect_linking_page_requires_sign_in(client):
    response = client.get(reverse("proconnect_link"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("debug", "url", "errors"),
    [
        (
            False,
            "http://fca.integ01.dev-agentconnect.fr/api/v2/.well-known/openid-configuration",
            1,
        ),
        (False, "https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration", 0),
        (False, "http://127.0.0.1:9000/api/v2/.well-known/openid-configuration", 0),
        (True, "http://fca.integ01.dev-agentconnect.fr/api/v2/.well-known/openid-configuration", 0),
    ],
    ids=["http-production", "https", "loopback", "http-debug"],
)
def test_proconnect_linking_https_check(settings, debug, url, errors):
    settings.DEBUG = debug
    settings.PROCONNECT = {**settings.PROCONNECT, "CLIENT_ID": "campus", "DISCOVERY_URL": url}
    found = proconnect_over_https()
    assert len(found) == errors
    assert all(isinstance(e, checks.Error) and e.id == "learners.E101" for e in found)


def test_proconnect_linking_non_https_endpoint_is_refused(client, fake_proconnect):
    """A discovery document that sends the token exchange over plain HTTP elsewhere than this
    machine is refused: no account is created."""
    fake_proconnect.discovery_overrides = {"token_endpoint": "http://proconnect.example/token"}
    response = client.get(reverse("proconnect_login"))
    assert response["Location"].startswith(reverse("account_login"))
    assert not User.objects.exists()
