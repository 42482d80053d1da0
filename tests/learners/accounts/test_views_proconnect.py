"""ProConnect login, callback and logout, against a fake provider served over real HTTP.

The campus side goes through Django's test client; the agent's visit to ProConnect is a real HTTP
request to the fake provider, whose redirect back is replayed on the campus callback.
"""

import secrets
import time
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse

from learners.accounts.models import User
from learners.accounts.proconnect.session import ID_TOKEN_KEY
from learners.factories import UserFactory
from tests.learners.accounts.fake_proconnect import (
    AGENT_CLAIMS,
    CLIENT_ID,
    login_with_proconnect,
    new_rsa_key,
)
from tests.network import free_port

pytestmark = pytest.mark.django_db

REJECTED = "la réponse de ProConnect n’a pas pu être vérifiée. Aucun compte n’a été créé."
EXPIRED = "Votre demande de connexion avec ProConnect a expiré ou n’est pas valide."
UNAVAILABLE = "ProConnect ne répond pas pour le moment."


@pytest.fixture(scope="module")
def other_key():
    """A key ProConnect does not publish: what a forger would sign with."""
    return new_rsa_key()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def logged_in_user_id(client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


def assert_refused(response, client, message: str) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert any(message in text for text in messages_of(response))
    assert not User.objects.exists()
    assert logged_in_user_id(client) is None
    assert ID_TOKEN_KEY not in client.session


def test_views_proconnect_login_redirects_to_authorize_with_allowed_parameters(
    client, fake_proconnect
):
    """The login view sends the agent to ProConnect with only the accepted parameters."""
    response = client.get(reverse("proconnect_login"))
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{fake_proconnect.issuer}/authorize"
    params = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert set(params) == {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce"}
    assert params["response_type"] == "code"
    assert params["client_id"] == CLIENT_ID
    assert params["redirect_uri"] == "http://testserver/comptes/proconnect/callback/"
    assert params["scope"] == "openid given_name usual_name email uid siret"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert params["state"] != params["nonce"]
    # The fake provider, as strict as ProConnect, accepts the request.
    assert fake_proconnect.follow_authorize(response["Location"]).startswith(
        params["redirect_uri"] + "?code="
    )


def test_views_proconnect_login_draws_new_state_and_nonce_each_time(client, fake_proconnect):
    """Two logins never reuse a state or a nonce."""
    first = parse_qs(urlsplit(client.get(reverse("proconnect_login"))["Location"]).query)
    second = parse_qs(urlsplit(client.get(reverse("proconnect_login"))["Location"]).query)
    assert first["state"] != second["state"] and first["nonce"] != second["nonce"]


def test_views_proconnect_callback_creates_agent_and_logs_in(client, fake_proconnect):
    """A first ProConnect login creates the agent from the userinfo claims and logs them in."""
    response = login_with_proconnect(client, fake_proconnect)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get()
    assert user.first_name == "Camille"
    assert user.last_name == "Durand"
    assert user.email == "camille.durand@numerique.gouv.fr"
    assert user.proconnect_uid == AGENT_CLAIMS["sub"]
    assert user.siret == "13002526500013"
    assert user.organization_label == "Direction interministérielle du numérique"
    assert not user.has_usable_password()
    assert logged_in_user_id(client) == user.pk
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    assert client.session[ID_TOKEN_KEY]["id_token"].count(".") == 2


def test_views_proconnect_second_login_finds_the_same_agent(client, fake_proconnect):
    """Logging in again finds the same agent and refreshes the profile from ProConnect."""
    login_with_proconnect(client, fake_proconnect)
    first = User.objects.get()
    client.logout()
    fake_proconnect.agent["usual_name"] = "Durand-Martin"
    login_with_proconnect(client, fake_proconnect)
    assert User.objects.count() == 1
    agent = User.objects.get()
    assert agent.pk == first.pk
    assert agent.last_name == "Durand-Martin"
    assert logged_in_user_id(client) == first.pk


def test_views_proconnect_existing_account_is_found_by_email(client, fake_proconnect):
    """An agent who signed up with a password is found by e-mail, whatever its case."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr", first_name="Cam")
    EmailAddress.objects.update_or_create(
        user=agent, email=agent.email, defaults={"verified": True, "primary": True}
    )
    login_with_proconnect(client, fake_proconnect)
    assert User.objects.count() == 1
    agent.refresh_from_db()
    assert agent.proconnect_uid == AGENT_CLAIMS["sub"]
    assert agent.first_name == "Camille"
    assert agent.has_usable_password()
    assert logged_in_user_id(client) == agent.pk


def test_views_proconnect_login_goes_through_allauth_mfa(client, fake_proconnect):
    """allauth's login stages apply: an agent with two-factor authentication is asked for it."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    Authenticator.objects.create(user=agent, type=Authenticator.Type.TOTP, data={"secret": "x"})
    response = login_with_proconnect(client, fake_proconnect)
    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_user_id(client) is None


def test_views_proconnect_login_refuses_inactive_agent(client, fake_proconnect):
    """A deactivated agent stays out, as with a password."""
    UserFactory(email="camille.durand@numerique.gouv.fr", is_active=False)
    response = login_with_proconnect(client, fake_proconnect)
    assert response["Location"] == reverse("account_inactive")
    assert logged_in_user_id(client) is None


def test_views_proconnect_callback_redirects_to_next(client, fake_proconnect):
    """The page asked for before the login is where the agent lands."""
    response = login_with_proconnect(client, fake_proconnect, next="/parcours/accessibilite/")
    assert response["Location"] == "/parcours/accessibilite/"


def test_views_proconnect_callback_ignores_next_to_another_site(client, fake_proconnect):
    """A `next` pointing to another site is dropped (no open redirect)."""
    response = login_with_proconnect(client, fake_proconnect, next="https://evil.example/")
    assert response["Location"] == "/"


def tamper_signature(fake, key):
    fake.id_token_key = key


def tamper_nonce(fake, key):
    fake.id_token_overrides["nonce"] = secrets.token_urlsafe(32)


def tamper_audience(fake, key):
    fake.id_token_overrides["aud"] = "another-service"


def tamper_issuer(fake, key):
    fake.id_token_overrides["iss"] = "https://evil.example/api/v2"


def tamper_expiry(fake, key):
    fake.id_token_overrides.update(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)


def tamper_userinfo_signature(fake, key):
    fake.userinfo_key = key


def tamper_userinfo_as_json(fake, key):
    fake.userinfo_as_json = True


def tamper_userinfo_audience(fake, key):
    fake.userinfo_overrides["aud"] = "another-service"


def tamper_userinfo_sub(fake, key):
    fake.userinfo_overrides["sub"] = "someone-else"


def tamper_userinfo_email(fake, key):
    fake.userinfo_overrides["email"] = None


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(tamper_signature, id="id_token-signed-with-another-key"),
        pytest.param(tamper_nonce, id="id_token-wrong-nonce"),
        pytest.param(tamper_audience, id="id_token-wrong-audience"),
        pytest.param(tamper_issuer, id="id_token-wrong-issuer"),
        pytest.param(tamper_expiry, id="id_token-expired"),
        pytest.param(tamper_userinfo_signature, id="userinfo-signed-with-another-key"),
        pytest.param(tamper_userinfo_as_json, id="userinfo-plain-json"),
        pytest.param(tamper_userinfo_audience, id="userinfo-wrong-audience"),
        pytest.param(tamper_userinfo_sub, id="userinfo-other-sub"),
        pytest.param(tamper_userinfo_email, id="userinfo-without-email"),
    ],
)
def test_views_proconnect_callback_refuses_unverifiable_answers(
    client, fake_proconnect, other_key, tamper, caplog
):
    """Any token or userinfo that fails a check is refused in French, and no account is created."""
    tamper(fake_proconnect, other_key)
    response = login_with_proconnect(client, fake_proconnect)
    assert_refused(response, client, REJECTED)
    assert "ProConnect callback refused" in caplog.text


def test_views_proconnect_callback_logs_the_technical_reason(client, fake_proconnect, caplog):
    """The log says why a login was refused (here, the nonce)."""
    tamper_nonce(fake_proconnect, None)
    login_with_proconnect(client, fake_proconnect)
    assert "nonce" in caplog.text


def test_views_proconnect_callback_refuses_wrong_state(client, fake_proconnect):
    """A callback whose state is not the one sent is refused, and no account is created."""
    response = client.get(reverse("proconnect_login"))
    callback = urlsplit(fake_proconnect.follow_authorize(response["Location"]))
    params = dict(parse_qsl(callback.query))
    params["state"] = secrets.token_urlsafe(32)
    response = client.get(callback.path, params)
    assert_refused(response, client, EXPIRED)


def test_views_proconnect_callback_refuses_when_no_login_was_started(client, fake_proconnect):
    """A callback reaching a browser that never started a login (forged link) is refused."""
    other_browser = client.__class__()
    response = other_browser.get(reverse("proconnect_login"))
    callback = urlsplit(fake_proconnect.follow_authorize(response["Location"]))
    response = client.get(callback.path, dict(parse_qsl(callback.query)))
    assert_refused(response, client, EXPIRED)


def test_views_proconnect_callback_is_single_use(client, fake_proconnect):
    """Replaying a callback URL is refused: state and nonce are spent."""
    response = client.get(reverse("proconnect_login"))
    callback = urlsplit(fake_proconnect.follow_authorize(response["Location"]))
    params = dict(parse_qsl(callback.query))
    client.get(callback.path, params)
    client.logout()
    response = client.get(callback.path, params)
    assert EXPIRED in " ".join(messages_of(response))
    assert logged_in_user_id(client) is None


def test_views_proconnect_callback_refuses_provider_error(client, fake_proconnect):
    """An `error` sent back by ProConnect (e.g. the agent cancelled) is refused in French."""
    response = client.get(reverse("proconnect_login"), {"next": "/parcours/"})
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    response = client.get(
        reverse("proconnect_callback"),
        {"error": "access_denied", "error_description": "User cancelled", "state": state},
    )
    assert_refused(response, client, "ProConnect n’a pas pu vous identifier")
    assert response["Location"] == reverse("account_login") + "?next=%2Fparcours%2F"


def test_views_proconnect_callback_refuses_missing_code(client, fake_proconnect):
    """A callback with the right state but no code is refused."""
    response = client.get(reverse("proconnect_login"))
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    response = client.get(reverse("proconnect_callback"), {"state": state})
    assert_refused(response, client, REJECTED)


def test_views_proconnect_callback_refuses_when_token_endpoint_fails(client, fake_proconnect):
    """A ProConnect outage during the callback is explained, and no account is created."""
    fake_proconnect.token_status = 503
    response = login_with_proconnect(client, fake_proconnect)
    assert_refused(response, client, UNAVAILABLE)


def test_views_proconnect_login_refuses_unreachable_provider(client, fake_proconnect):
    """When ProConnect cannot be reached, the agent stays on the campus with an explanation."""
    unreachable = f"http://127.0.0.1:{free_port()}/api/v2/.well-known/openid-configuration"
    with override_settings(PROCONNECT=fake_proconnect.settings(DISCOVERY_URL=unreachable)):
        response = client.get(reverse("proconnect_login"))
    assert_refused(response, client, UNAVAILABLE)


def test_views_proconnect_login_refuses_when_not_configured(client):
    """Without a client id the login view explains that ProConnect is not available."""
    with override_settings(PROCONNECT={"CLIENT_ID": "", "DISCOVERY_URL": "", "TIMEOUT": 1}):
        response = client.get(reverse("proconnect_login"))
    assert_refused(response, client, "La connexion avec ProConnect n’est pas disponible")


def test_views_proconnect_logout_redirects_to_end_session(client, fake_proconnect):
    """After a ProConnect login, logout ends the ProConnect session too."""
    login_with_proconnect(client, fake_proconnect)
    id_token = client.session[ID_TOKEN_KEY]["id_token"]
    response = client.post(reverse("proconnect_logout"))
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{fake_proconnect.issuer}/session/end"
    params = {name: values[0] for name, values in parse_qs(url.query).items()}
    assert set(params) == {"id_token_hint", "state", "post_logout_redirect_uri"}
    assert params["id_token_hint"] == id_token
    assert len(params["state"]) >= 32
    assert params["post_logout_redirect_uri"] == "http://testserver/"
    assert logged_in_user_id(client) is None
    assert ID_TOKEN_KEY not in client.session


def test_views_proconnect_logout_without_proconnect_is_a_normal_logout(client, fake_proconnect):
    """An agent who logged in with a password is logged out of the campus only."""
    client.force_login(UserFactory())
    response = client.post(reverse("proconnect_logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) is None


def test_views_proconnect_logout_refuses_get(client, fake_proconnect):
    """Logout changes state: GET is not allowed (POST with a CSRF token only)."""
    client.force_login(UserFactory())
    assert client.get(reverse("proconnect_logout")).status_code == 405
    assert logged_in_user_id(client) is not None


def test_views_proconnect_logout_requires_csrf_token(fake_proconnect):
    """A cross-site POST to logout is refused."""
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(UserFactory())
    assert csrf_client.post(reverse("proconnect_logout")).status_code == 403


def test_views_proconnect_header_logout_goes_through_proconnect_view(client):
    """The header's logout button posts to the ProConnect-aware logout view."""
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert f'action="{reverse("proconnect_logout")}"' in html


def test_views_proconnect_button_shown_when_configured(client, fake_proconnect):
    """The login page offers "S’identifier avec ProConnect" first, keeping `next`."""
    html = client.get(reverse("account_login"), {"next": "/parcours/"}).content.decode()
    assert 'class="fr-connect"' in html
    assert "S’identifier avec" in html and "fr-connect__brand" in html
    assert f'action="{reverse("proconnect_login")}"' in html
    assert 'name="next" value="/parcours/"' in html
    assert "https://www.proconnect.gouv.fr/" in html
    assert html.index("fr-connect") < html.index('name="password"')
    assert 'class="fr-hr-or"' in html


@override_settings(PROCONNECT={"CLIENT_ID": "", "DISCOVERY_URL": "", "TIMEOUT": 1})
def test_views_proconnect_button_hidden_when_not_configured(client):
    """Without a client id the login page shows the password form only."""
    html = client.get(reverse("account_login")).content.decode()
    assert "fr-connect" not in html
    assert reverse("proconnect_login") not in html
    assert 'name="password"' in html
