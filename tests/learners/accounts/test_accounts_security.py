"""Account protections: password rules, two-factor authentication required for privileged roles,
sessions that end after inactivity, and a logout that ends the ProConnect session too."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from learners.accounts.middleware import LAST_ACTIVITY_KEY
from learners.accounts.permissions import ADMINISTRATORS_GROUP, REVIEWERS_GROUP, TRAINERS_GROUP
from learners.accounts.proconnect.session import ID_TOKEN_KEY
from learners.factories import DEMO_PASSWORD, UserFactory
from tests.learners.accounts.fake_proconnect import login_with_proconnect

pytestmark = pytest.mark.django_db

MFA_REQUIRED = "activez la double authentification"
SESSION_EXPIRED = "Votre session a expiré après une période d’inactivité."


def messages_of(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def user_with_group(name: str | None = None, **fields):
    groups = [Group.objects.get(name=name)] if name else []
    return UserFactory(groups=groups, **fields)


# Passwords ----------------------------------------------------------------------------------


def password_errors(password: str) -> list[str]:
    user = UserFactory.build(email="camille.durand@numerique.gouv.fr")
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_accounts_passwords_need_twelve_characters():
    """Eleven characters are refused, with a French explanation; twelve are enough."""
    assert password_errors("tulipe-verte") == []
    errors = password_errors("tulipe-vert")
    assert any("au minimum 12 caractères" in error for error in errors), errors


def test_accounts_passwords_refuse_common_passwords():
    """A long password from the list of common passwords is refused all the same."""
    common = next(p for p in sorted(CommonPasswordValidator().passwords) if len(p) >= 12)
    assert "Ce mot de passe est trop courant." in password_errors(common)


def test_accounts_passwords_impose_no_composition_rules():
    """No digits, capitals or symbols are required: a long passphrase is accepted."""
    assert password_errors("une phrase de passe facile a retenir") == []
    assert password_errors("correcthorsebatterystaple") == []


def test_accounts_passwords_apply_to_sign_up(client):
    """The sign-up form applies them."""
    response = client.post(
        reverse("account_signup"),
        {
            "email": "camille.durand@numerique.gouv.fr",
            "password1": "court-mdp",
            "password2": "court-mdp",
        },
    )
    assert response.status_code == 200
    assert "au minimum 12 caractères" in response.content.decode()


# Two-factor authentication for administrators and reviewers --------------------------------


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True


@pytest.mark.parametrize(
    "role",
    [
        {"name": ADMINISTRATORS_GROUP},
        {"name": REVIEWERS_GROUP},
        {"is_superuser": True, "is_staff": True},
    ],
    ids=["administrator", "reviewer", "superuser"],
)
def test_accounts_mfa_required_for_privileged_roles(client, mfa_required, role):
    """An administrator or reviewer without an authenticator app is sent to set one up, from
    any page, with a French explanation."""
    user = user_with_group(**role)
    client.force_login(user)
    for url in ["/", "/cms/", reverse("dashboard"), "/catalogue/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url
    assert MFA_REQUIRED in messages_of(response)


def test_accounts_mfa_setup_and_account_pages_stay_reachable(client, mfa_required):
    """The activation page itself, the account pages and the logout are not redirected."""
    client.force_login(user_with_group(ADMINISTRATORS_GROUP))
    for name in ("mfa_activate_totp", "mfa_index", "account_email", "account_logout"):
        response = client.get(reverse(name))
        assert response.get("Location") != reverse("mfa_activate_totp"), name
    assert client.get(reverse("healthz")).status_code == 200
    response = client.post(reverse("proconnect_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_accounts_mfa_privileged_with_authenticator_app_goes_on(client, mfa_required):
    """Once the authenticator app is activated, the campus opens normally."""
    user = user_with_group(ADMINISTRATORS_GROUP)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("group", [None, TRAINERS_GROUP], ids=["agent", "trainer"])
def test_accounts_mfa_offered_but_not_required_to_others(client, mfa_required, group):
    """Agents and trainers are not forced, but may set up two-factor authentication."""
    client.force_login(user_with_group(group))
    assert client.get("/").status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_accounts_mfa_requirement_can_be_turned_off(client, settings):
    """MFA_REQUIRED_FOR_PRIVILEGED=False (development, tests) lets administrators through."""
    settings.MFA_REQUIRED_FOR_PRIVILEGED = False
    client.force_login(user_with_group(ADMINISTRATORS_GROUP))
    assert client.get("/").status_code == 200


# Inactivity ---------------------------------------------------------------------------------


def set_last_activity(client, seconds_ago: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_accounts_idle_login_starts_the_activity_clock(client):
    """Logging in records the time of the last activity."""
    client.force_login(UserFactory())
    assert abs(client.session[LAST_ACTIVITY_KEY] - time.time()) < 5


@override_settings(SESSION_IDLE_TIMEOUT=8 * 3600)
def test_accounts_idle_agent_session_ends_after_eight_hours(client):
    """Eight hours without a request close an agent's session: back to the login page, with
    the page to return to and a French message."""
    client.force_login(UserFactory())
    set_last_activity(client, 8 * 3600 + 1)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fmon-espace%2F"
    assert "_auth_user_id" not in client.session
    assert SESSION_EXPIRED in messages_of(response)


@override_settings(SESSION_IDLE_TIMEOUT=8 * 3600)
def test_accounts_idle_agent_session_goes_on_within_eight_hours(client):
    """Seven hours of inactivity are fine, and the request restarts the clock."""
    user = UserFactory()
    client.force_login(user)
    set_last_activity(client, 7 * 3600)
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)
    assert abs(client.session[LAST_ACTIVITY_KEY] - time.time()) < 5


@override_settings(ADMIN_SESSION_IDLE_TIMEOUT=30 * 60)
def test_accounts_idle_administrator_session_ends_after_thirty_minutes(client):
    """Administrators' sessions end after thirty minutes of inactivity."""
    client.force_login(user_with_group(ADMINISTRATORS_GROUP))
    set_last_activity(client, 29 * 60)
    assert client.get("/").status_code == 200
    set_last_activity(client, 31 * 60)
    response = client.get("/cms/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fcms%2F"
    assert "_auth_user_id" not in client.session


def test_accounts_idle_recent_activity_is_not_rewritten_each_request(client):
    """Within a minute, the timestamp is left as it is (no session write per request)."""
    client.force_login(UserFactory())
    set_last_activity(client, 10)
    before = client.session[LAST_ACTIVITY_KEY]
    client.get("/")
    assert client.session[LAST_ACTIVITY_KEY] == before


# Logout -------------------------------------------------------------------------------------


def test_accounts_logout_page_ends_the_proconnect_session(client, fake_proconnect):
    """allauth's own logout page (/comptes/logout/) ends the ProConnect session too."""
    login_with_proconnect(client, fake_proconnect)
    id_token = client.session[ID_TOKEN_KEY]["id_token"]
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert f'action="{reverse("account_logout")}"' in page.content.decode()
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{fake_proconnect.issuer}/session/end"
    assert parse_qs(url.query)["id_token_hint"] == [id_token]
    assert "_auth_user_id" not in client.session


def test_accounts_logout_page_after_password_login(client):
    """After a password login, the same page logs out and returns to the home page."""
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
