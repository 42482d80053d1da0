"""Mon compte › Mon profil: the agent corrects the first and last names their certificates carry.

Names that ProConnect asserts (an agent signed in through ProConnect, whose names it refreshes
at each sign-in) are shown read-only with where they come from; a POST cannot change them.
Trainers', reviewers' and administrators' names are their own even when linked to ProConnect
(ProConnect never overwrites them), so they stay editable.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from learners.accounts.permissions import TRAINERS_GROUP
from learners.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/comptes/profil/"


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def agent():
    return UserFactory(first_name="Camille", last_name="Martn")


@pytest.fixture
def proconnect_agent():
    return UserFactory(first_name="Dominique", last_name="Bernard", proconnect_uid="sub-123")


def test_views_profile_url_name():
    """The page is /comptes/profil/, named account_profile."""
    assert reverse("account_profile") == URL


def test_views_profile_anonymous_is_sent_to_login(client):
    """Anonymous visitors are redirected to the login page, then back here."""
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"
    assert client.post(URL, {"first_name": "X", "last_name": "Y"}).status_code == 302


def test_views_profile_shows_the_names_in_a_form_beside_the_account_menu(client, agent):
    """The form holds the current names; the account menu lists "Mon profil" first, current."""
    client.force_login(agent)
    response = client.get(URL)
    assert response.status_code == 200
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Mon profil"
    assert soup.find(id="id_first_name")["value"] == "Camille"
    assert soup.find(id="id_last_name")["value"] == "Martn"
    assert soup.find(id="id_first_name")["autocomplete"] == "given-name"
    links = soup.select("nav.fr-sidemenu a.fr-sidemenu__link")
    assert links[0].get_text(strip=True) == "Mon profil"
    assert links[0]["aria-current"] == "page"
    assert soup.find("form", method="post").find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_views_profile_account_pages_link_to_it(client, agent):
    """Every account page's side menu leads to Mon profil."""
    client.force_login(agent)
    soup = parse(client.get(reverse("account_email")))
    links = [a["href"] for a in soup.select("nav.fr-sidemenu a.fr-sidemenu__link")]
    assert URL in links


def test_views_profile_corrects_the_names(client, agent):
    """A POST stores the stripped names and says so; posting the same again is harmless."""
    client.force_login(agent)
    data = {"first_name": " Camille ", "last_name": " Martin "}
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == URL
    assert messages_of(response) == ["Votre profil est enregistré."]
    agent.refresh_from_db()
    assert (agent.first_name, agent.last_name) == ("Camille", "Martin")

    again = client.post(URL, data)
    assert again.status_code == 302
    agent.refresh_from_db()
    assert (agent.first_name, agent.last_name) == ("Camille", "Martin")


def test_views_profile_errors_are_redisplayed(client, agent):
    """Empty names are refused field by field, with what was typed kept."""
    client.force_login(agent)
    response = client.post(URL, {"first_name": "  ", "last_name": "Martin Durand"})
    assert response.status_code == 200
    soup = parse(response)
    first = soup.find(id="id_first_name")
    assert first["aria-invalid"] == "true"
    assert soup.find(id="id_first_name-erreurs").get_text(strip=True) == "Saisissez votre prénom."
    assert soup.find(id="id_last_name")["value"] == "Martin Durand"
    agent.refresh_from_db()
    assert (agent.first_name, agent.last_name) == ("Camille", "Martn")


def test_views_profile_requires_csrf(agent):
    """The form is protected against cross-site requests."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    response = client.post(URL, {"first_name": "Autre", "last_name": "Nom"})
    assert response.status_code == 403
    agent.refresh_from_db()
    assert agent.first_name == "Camille"


def test_views_profile_proconnect_names_are_read_only(client, proconnect_agent):
    """An agent whose names ProConnect asserts sees them, and why they cannot change them here."""
    client.force_login(proconnect_agent)
    soup = parse(client.get(URL))
    main = soup.find("main")
    assert not main.find("input", attrs={"name": "first_name"})
    assert not main.find("button", attrs={"type": "submit"})
    text = " ".join(main.get_text(" ").split())
    assert "Dominique" in text and "Bernard" in text
    assert "ProConnect" in text and "annuaire de votre administration" in text


def test_views_profile_proconnect_names_cannot_be_changed_by_post(client, proconnect_agent):
    """A forged POST is refused (403) and changes nothing."""
    client.force_login(proconnect_agent)
    response = client.post(URL, {"first_name": "Usurpé", "last_name": "Nom"})
    assert response.status_code == 403
    proconnect_agent.refresh_from_db()
    assert (proconnect_agent.first_name, proconnect_agent.last_name) == ("Dominique", "Bernard")


def test_views_profile_proconnect_agent_without_names_may_give_them(client):
    """When ProConnect asserted no names, the agent types them (ProConnect keeps them)."""
    user = UserFactory(first_name="", last_name="", proconnect_uid="sub-456")
    client.force_login(user)
    response = client.post(URL, {"first_name": "Alix", "last_name": "Petit"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Alix", "Petit")


def test_views_profile_trainer_linked_to_proconnect_keeps_own_names(client):
    """ProConnect never overwrites a trainer's names: the trainer edits them here."""
    trainer = UserFactory(
        first_name="Sam",
        last_name="Formateur",
        proconnect_uid="sub-789",
        groups=[Group.objects.get(name=TRAINERS_GROUP)],
    )
    client.force_login(trainer)
    response = client.post(URL, {"first_name": "Samuel", "last_name": "Formateur"})
    assert response.status_code == 302
    trainer.refresh_from_db()
    assert trainer.first_name == "Samuel"
