"""Account pages (allauth) in the campus's DSFR look, in French: sign-in, sign-up, password, MFA.

allauth's pages are restyled through its element templates (learners/templates/allauth/); these
tests check the markup they produce and the flows behind it (domain restriction, e-mails).
"""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from learners.accounts.models import User
from learners.factories import DEMO_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Une-phrase-de-passe-solide-2026"


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def label_text(soup: BeautifulSoup, field_id: str) -> str:
    return " ".join(soup.find("label", attrs={"for": field_id}).get_text().split())


def test_views_accounts_login_renders_dsfr_fields_with_visible_labels(client):
    """The login form has DSFR input groups, visible French labels and no placeholder."""
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    soup = parse(response)
    email, password = soup.find(id="id_login"), soup.find(id="id_password")
    assert "fr-input" in email["class"] and "fr-input" in password["class"]
    assert "fr-input-group" in email.find_parent("div")["class"]
    assert label_text(soup, "id_login") == "Adresse électronique"
    assert label_text(soup, "id_password") == "Mot de passe"
    for field_id in ("id_login", "id_password", "id_remember"):
        label = soup.find("label", attrs={"for": field_id})
        assert "fr-label" in label["class"] and "fr-sr-only" not in label["class"]
    assert not soup.select("input[placeholder]")
    assert "fr-checkbox-group" in soup.find(id="id_remember").find_parent("div")["class"]
    hint = soup.find(id=email["aria-describedby"])
    assert hint.get_text(strip=True) == "Format attendu : nom@domaine.fr"
    button = soup.select_one(f"form[action='{reverse('account_login')}'] button[type=submit]")
    assert "fr-btn" in button["class"] and button.get_text(strip=True) == "Se connecter"
    assert soup.select_one("nav.fr-breadcrumb.campus-account-entrance")


def test_views_accounts_signup_with_allowed_domain_sends_verification_email(client):
    """Signing up with a public-agent address creates the account and e-mails a French link."""
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Agent",
            "email": "camille.agent@numerique.gouv.fr",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="camille.agent@numerique.gouv.fr").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille.agent@numerique.gouv.fr"]
    assert "Confirmez votre adresse" in mail.outbox[0].subject
    page = client.get(response["Location"])
    assert "Vérifiez votre adresse" in page.content.decode()


def test_views_accounts_signup_with_gmail_is_refused_in_french(client):
    """A personal address is refused with the French explanation and no account is created."""
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Agent",
            "email": "camille@gmail.com",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    soup = parse(response)
    errors = soup.find(id="id_email-erreurs").get_text(" ", strip=True)
    assert "L’inscription est réservée aux agents publics" in errors
    assert not User.objects.filter(email="camille@gmail.com").exists()
    assert not mail.outbox


def test_views_accounts_login_with_wrong_password_keeps_email_and_shows_french_error(client):
    """A wrong password shows a French DSFR alert and re-displays the form with the e-mail kept."""
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "pas-le-bon-mot-de-passe"}
    )
    assert response.status_code == 200
    soup = parse(response)
    alert = soup.select_one("main form .fr-alert.fr-alert--error")
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in alert.get_text()
    assert soup.find(id="id_login")["value"] == user.email
    assert not soup.find(id="id_password").has_attr("value")
    assert "_auth_user_id" not in client.session


def test_views_accounts_login_with_right_password_signs_in(client):
    """An agent whose address is verified signs in through the real form."""
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_views_accounts_login_with_unverified_address_asks_for_verification(client):
    """Verification is mandatory: an unverified agent is e-mailed a link instead of signed in."""
    user = UserFactory(verified_email=False)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox[0].to == [user.email]


def test_views_accounts_form_error_renders_dsfr_error_state(client):
    """A field error marks the DSFR group, the input (aria-invalid) and ties the message to it."""
    response = client.post(
        reverse("account_signup"),
        {
            "email": "camille.agent@numerique.gouv.fr",
            "password1": NEW_PASSWORD,
            "password2": "autre",
        },
    )
    assert response.status_code == 200
    soup = parse(response)
    group = soup.select_one(".fr-input-group--error")
    field = group.find("input")
    assert field["aria-invalid"] == "true"
    error_id = field["aria-describedby"].split()[-1]
    message = group.find(id=error_id)
    assert message.select(".fr-error-text")


def test_views_accounts_password_reset_sends_french_email(client):
    """Asking for a password reset e-mails a French message with the reset link."""
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "mot de passe" in message.subject.lower()
    assert "réinitialiser" in message.body
    assert "/comptes/password/reset/key/" in message.body


def test_views_accounts_mfa_index_is_reachable_for_a_signed_in_agent(client):
    """The two-factor page opens beside the account side menu, its panels as DSFR cards."""
    client.force_login(UserFactory())
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Authentification à deux facteurs"
    current = soup.select_one("nav.fr-sidemenu a[aria-current=page]")
    assert current.get_text(strip=True) == "Authentification à deux facteurs"
    assert len(soup.select("main section.fr-card")) == 2


def test_views_accounts_side_menu_lists_the_account_sections(client):
    """The management pages share a DSFR side menu of the account's sections."""
    client.force_login(UserFactory())
    soup = parse(client.get(reverse("account_email")))
    links = [a.get_text(strip=True) for a in soup.select("nav.fr-sidemenu a.fr-sidemenu__link")]
    assert links == [
        "Mon profil",
        "Adresses électroniques",
        "Mot de passe",
        "Authentification à deux facteurs",
        "ProConnect",
    ]


@pytest.mark.parametrize(
    ("name", "signed_in"),
    [
        ("account_login", False),
        ("account_signup", False),
        ("account_reset_password", False),
        ("account_reset_password_done", False),
        ("account_email_verification_sent", False),
        ("account_profile", True),
        ("account_email", True),
        ("account_change_password", True),
        ("account_logout", True),
        ("mfa_index", True),
        ("socialaccount_connections", True),
    ],
)
def test_views_accounts_pages_use_dsfr_markup_only(client, name, signed_in):
    """Every account page renders with DSFR inputs and buttons, never allauth's bare ones."""
    if signed_in:
        client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    soup = parse(response)
    main = soup.find("main")
    assert main.h1
    for field in main.select("input:not([type=hidden]), textarea"):
        grouped = field.find_parent(
            class_=["fr-input-group", "fr-checkbox-group", "fr-radio-group"]
        )
        assert grouped, field
        assert main.find("label", attrs={"for": field["id"]}), field
    for button in main.select("button"):
        assert "fr-btn" in button["class"], button
    assert soup.select_one(".campus-account-entrance, .campus-account-menu")
