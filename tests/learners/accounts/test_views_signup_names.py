"""Sign-up asks for the agent's first and last names: certificates are issued in their name.

Both are required, labelled, with French errors; surrounding spaces are dropped and a name made
of spaces only, or an e-mail address typed as a name, is refused.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from learners.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Une-phrase-de-passe-solide-2026"
EMAIL = "dominique.nommee@numerique.gouv.fr"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """allauth's rate limits (one confirmation e-mail per address) live in the cache."""
    cache.clear()
    yield
    cache.clear()


def signup(client, **names):
    data = {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, **names}
    return client.post(reverse("account_signup"), data)


def errors_of(response, field: str) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    block = soup.find(id=f"id_{field}-erreurs")
    return block.get_text(" ", strip=True) if block else ""


def test_views_signup_names_form_asks_first_and_last_name_first(client):
    """The form opens with "Prénom" and "Nom", required, labelled, with their autocomplete."""
    soup = BeautifulSoup(client.get(reverse("account_signup")).content.decode(), "html.parser")
    form = soup.find("input", attrs={"name": "email"}).find_parent("form")
    names = [field["name"] for field in form.select("input:not([type=hidden])")]
    assert names[:3] == ["first_name", "last_name", "email"]
    for field_id, label, autocomplete in (
        ("id_first_name", "Prénom", "given-name"),
        ("id_last_name", "Nom", "family-name"),
    ):
        field = soup.find(id=field_id)
        assert field.has_attr("required")
        assert field["autocomplete"] == autocomplete
        assert soup.find("label", attrs={"for": field_id}).get_text(strip=True) == label


def test_views_signup_names_missing_names_are_refused_in_french(client):
    """Without names, no account is created and each field says what to type."""
    response = signup(client)
    assert response.status_code == 200
    assert errors_of(response, "first_name") == "Saisissez votre prénom."
    assert errors_of(response, "last_name") == "Saisissez votre nom."
    assert not User.objects.filter(email=EMAIL).exists()


def test_views_signup_names_whitespace_only_names_are_refused(client):
    """Spaces only count as no name."""
    response = signup(client, first_name="   ", last_name="\t ")
    assert errors_of(response, "first_name") == "Saisissez votre prénom."
    assert errors_of(response, "last_name") == "Saisissez votre nom."
    assert not User.objects.filter(email=EMAIL).exists()


def test_views_signup_names_an_email_address_is_not_a_name(client):
    """An address typed as a name would be printed on certificates: refused."""
    response = signup(client, first_name="Camille", last_name=EMAIL)
    assert "pas une adresse électronique" in errors_of(response, "last_name")
    assert not User.objects.filter(email=EMAIL).exists()


def test_views_signup_names_are_stored_stripped(client):
    """With names, the account is created with them, surrounding spaces dropped."""
    response = signup(client, first_name="  Camille ", last_name=" Martin-Durand  ")
    assert response.status_code == 302
    user = User.objects.get(email=EMAIL)
    assert (user.first_name, user.last_name) == ("Camille", "Martin-Durand")
