"""The organisation import through the API: the screen's service, all or nothing, its report
as JSON; a client imports only inside its units."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learners.accounts.models import OrgUnit, User
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

HEADER = "unite;libelle_unite;niveau_unite;email;prenom;nom;responsable\n"


def upload(client, token, text: str, dry_run: bool):
    return client.post(
        "/api/v1/organisation/import/",
        {"file": SimpleUploadedFile("rh.csv", text.encode()), "dry_run": dry_run},
        **bearer(token),
    )


def test_api_organisation_import_within_the_client_units(client, api_world):
    """A new office and agent under the client's ministry: checked, then applied."""
    code = api_world.own.ministry.code
    text = HEADER + (
        f"{code}/bureau-api;Bureau de l’API;bureau;nouvel.agent@essai.gouv.fr;Noé;Nouveau;non\n"
    )
    checked = upload(client, api_world.tokens["hr"], text, dry_run=True)
    assert checked.status_code == 200, checked.content
    assert checked.json()["errors"] == [] and checked.json()["applied"] is False
    assert not OrgUnit.objects.filter(code="bureau-api").exists()
    applied = upload(client, api_world.tokens["hr"], text, dry_run=False)
    assert applied.json()["applied"] is True and applied.json()["users_created"] == 1
    agent = User.objects.get(email="nouvel.agent@essai.gouv.fr")
    assert agent.org_unit.code == "bureau-api"


def test_api_organisation_import_outside_the_units_changes_nothing(client, api_world):
    """A line reaching the other ministry, or moving one of its agents: nothing is applied,
    the report names the lines."""
    own, other = api_world.own.ministry.code, api_world.other.ministry.code
    text = HEADER + (
        f"{own}/bureau-ok;Bureau;bureau;ok@essai.gouv.fr;Ok;Ok;non\n"
        f"{other}/bureau-non;Bureau;bureau;non@essai.gouv.fr;Non;Non;non\n"
        f"{own}/bureau-ok;;;{api_world.other.agent.email};Autre;Agent;non\n"
    )
    response = upload(client, api_world.tokens["hr"], text, dry_run=False)
    assert response.status_code == 200
    body = response.json()
    assert body["applied"] is False
    assert {error["line"] for error in body["errors"]} == {3, 4}
    assert not OrgUnit.objects.filter(code__in=["bureau-ok", "bureau-non"]).exists()
    assert User.objects.get(pk=api_world.other.agent.pk).org_unit == api_world.other.office


def test_api_organisation_import_never_renames_a_unit_above_the_client(client, api_world):
    """The ministry above a direction's client may name the hierarchy, not change it."""
    hr = api_world.clients["hr"]
    direction = api_world.own.office.get_parent()
    hr.units.set([direction])
    ministry = api_world.own.ministry
    path = f"{ministry.code}/{direction.code}"
    kept = HEADER + f"{ministry.code};;;;;;\n{path}/bureau-d;Bureau D;bureau;;;;\n"
    assert upload(client, api_world.tokens["hr"], kept, dry_run=True).json()["errors"] == []
    renamed = HEADER + f"{ministry.code};Autre nom;ministere;;;;\n"
    body = upload(client, api_world.tokens["hr"], renamed, dry_run=False).json()
    assert [error["line"] for error in body["errors"]] == [2]
    assert OrgUnit.objects.get(pk=ministry.pk).name == ministry.name


@pytest.mark.parametrize(("who", "expected"), [("none", 401), ("no_scope", 403)])
def test_api_organisation_import_needs_the_scope(client, api_world, who, expected):
    headers = {} if who == "none" else bearer(api_world.tokens[who])
    response = client.post(
        "/api/v1/organisation/import/",
        {"file": SimpleUploadedFile("rh.csv", HEADER.encode())},
        **headers,
    )
    assert response.status_code == expected
