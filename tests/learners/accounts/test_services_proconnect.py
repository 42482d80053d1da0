"""Finding or creating the agent for a ProConnect identity (no provider needed)."""

import pytest
from allauth.account.models import EmailAddress

from learners.accounts.models import User
from learners.accounts.proconnect.identity import ProConnectIdentity
from learners.accounts.proconnect.provider import ProConnectError
from learners.accounts.proconnect.services import find_or_create_agent
from learners.factories import UserFactory
from tests.learners.accounts.fake_proconnect import AGENT_CLAIMS


def identity(**claims) -> ProConnectIdentity:
    return ProConnectIdentity.from_claims({**AGENT_CLAIMS, **claims})


def test_identity_proconnect_maps_claims():
    """given_name, usual_name, email (lower case), sub, siret and organisation are read."""
    agent = identity()
    assert (agent.first_name, agent.last_name) == ("Camille", "Durand")
    assert agent.email == "camille.durand@numerique.gouv.fr"
    assert agent.sub == AGENT_CLAIMS["sub"]
    assert agent.uid == "camille.durand"
    assert agent.siret == "13002526500013"
    assert agent.organization_label == "Direction interministérielle du numérique"


def test_identity_proconnect_drops_malformed_siret():
    """A SIRET that is not 14 digits is not stored; spaces are removed from a good one."""
    assert identity(siret="1300 2526 5000 13").siret == "13002526500013"
    assert identity(siret="not-a-siret").siret == ""


@pytest.mark.parametrize("email", [None, "", "not-an-address", 42])
def test_identity_proconnect_refuses_missing_or_invalid_email(email):
    """Without a valid e-mail there is no account to open."""
    with pytest.raises(ProConnectError):
        identity(email=email)


def test_identity_proconnect_refuses_missing_sub():
    """Without a sub the agent cannot be recognised next time."""
    with pytest.raises(ProConnectError):
        identity(sub="")


@pytest.mark.django_db
def test_services_proconnect_creates_agent_without_password():
    """A new agent gets a verified primary address and no usable password."""
    user, created = find_or_create_agent(identity=identity())
    assert created
    assert not user.has_usable_password()
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).count() == 1


@pytest.mark.django_db
def test_services_proconnect_is_idempotent():
    """The same identity twice gives the same agent and one address."""
    first, _ = find_or_create_agent(identity=identity())
    second, created = find_or_create_agent(identity=identity())
    assert not created
    assert first.pk == second.pk
    assert User.objects.count() == 1
    assert EmailAddress.objects.count() == 1


@pytest.mark.django_db
def test_services_proconnect_follows_email_change():
    """An agent found by sub whose address changed at ProConnect gets the new address."""
    user, _ = find_or_create_agent(identity=identity())
    new_address = identity(email="camille.durand@interieur.gouv.fr")
    moved, created = find_or_create_agent(identity=new_address)
    assert not created and moved.pk == user.pk
    assert moved.email == "camille.durand@interieur.gouv.fr"
    assert EmailAddress.objects.get(user=user, primary=True).email == moved.email


@pytest.mark.django_db
def test_services_proconnect_keeps_email_held_by_another_agent():
    """An address change to one another agent already uses is not applied."""
    user, _ = find_or_create_agent(identity=identity())
    other = UserFactory(email="homonyme@numerique.gouv.fr")
    same, _ = find_or_create_agent(identity=identity(email="Homonyme@numerique.gouv.fr"))
    assert same.pk == user.pk
    assert same.email == "camille.durand@numerique.gouv.fr"
    other.refresh_from_db()
    assert other.proconnect_uid == ""


@pytest.mark.django_db
def test_services_proconnect_finds_agent_by_verified_secondary_address():
    """An agent who verified the address as a secondary one is found by it."""
    agent = UserFactory(email="camille@campus.example")
    EmailAddress.objects.create(user=agent, email="camille.durand@numerique.gouv.fr", verified=True)
    user, created = find_or_create_agent(identity=identity())
    assert not created and user.pk == agent.pk
    assert user.email == "camille@campus.example"


@pytest.mark.django_db
def test_services_proconnect_keeps_known_names_when_claims_are_empty():
    """An identity provider that leaves a name empty does not erase the campus's."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr", first_name="Camille")
    user, _ = find_or_create_agent(identity=identity(given_name="", organization_label=None))
    assert user.pk == agent.pk
    assert user.first_name == "Camille"


@pytest.mark.django_db
def test_services_proconnect_wipes_password_of_unverified_account():
    """An account opened with the agent's address but never verified loses its password."""
    squatter = UserFactory(email="camille.durand@numerique.gouv.fr")
    EmailAddress.objects.filter(user=squatter).delete()
    user, created = find_or_create_agent(identity=identity())
    assert not created and user.pk == squatter.pk
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified


@pytest.mark.django_db
def test_services_proconnect_keeps_password_of_verified_account():
    """An agent who verified the address keeps the password next to ProConnect."""
    agent = UserFactory(email="camille.durand@numerique.gouv.fr")
    EmailAddress.objects.update_or_create(
        user=agent, email=agent.email, defaults={"verified": True, "primary": True}
    )
    user, _ = find_or_create_agent(identity=identity())
    assert user.has_usable_password()
