"""Organisation import from an HR extract: dry run, all-or-nothing with errors by line in
French, re-import without effect, and the page that drives it."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learners.accounts.models import OrgUnit, User
from learners.accounts.permissions import ADMINISTRATORS_GROUP
from learners.common.exceptions import NotAllowed
from learners.factories import OrgUnitFactory, UserFactory
from learners.team import services
from learners.team.models import OrgImport

pytestmark = pytest.mark.django_db

HEADER = "unite;libelle_unite;niveau_unite;email;prenom;nom;responsable\n"
FILE = HEADER + (
    "min-test;Ministère de l’Essai;ministere;;;;\n"
    "min-test/dir-test;Direction des essais;;;;;\n"
    "min-test/dir-test/bureau-1;Bureau des essais;bureau;chef@essai.gouv.fr;Camille;Chef;oui\n"
    "min-test/dir-test/bureau-1;;;agent1@essai.gouv.fr;Louis;Un;non\n"
    "min-test/dir-test/bureau-2;Bureau des tests;bureau;agent2@essai.gouv.fr;Léa;Deux;\n"
)


@pytest.fixture
def admin(db):
    user = UserFactory(email="admin-import@campus.example")
    user.groups.add(Group.objects.get(name=ADMINISTRATORS_GROUP))
    return user


def snapshot():
    return (
        sorted(OrgUnit.objects.values_list("code", "name", "kind", "path")),
        sorted(User.objects.values_list("email", "first_name", "last_name", "org_unit__code")),
        sorted(
            User.objects.filter(managed_units__isnull=False).values_list(
                "email", "managed_units__code"
            )
        ),
    )


def test_services_org_import_dry_run_changes_nothing(admin):
    """A dry run reports what would change, and changes nothing."""
    before = snapshot()
    report = services.import_organisation(file=FILE.encode(), dry_run=True, imported_by=admin)
    assert report.ok and not report.applied
    assert (report.lines, report.units_created, report.users_created) == (5, 4, 3)
    assert snapshot() == before
    assert report.record.applied is False and report.record.summary["users_created"] == 3


def test_services_org_import_applies_and_reimport_is_a_no_op(admin):
    """Applied: units in their place, agents in their unit, the manager responsible for their
    unit. The same file again changes nothing."""
    report = services.import_organisation(file=FILE.encode(), dry_run=False, imported_by=admin)
    assert report.applied and report.record.applied
    bureau = OrgUnit.objects.get(code="bureau-1")
    assert bureau.name == "Bureau des essais" and bureau.kind == OrgUnit.Kind.OFFICE
    assert bureau.get_parent().code == "dir-test"
    assert OrgUnit.objects.get(code="dir-test").kind == OrgUnit.Kind.DIRECTION  # from its depth
    chef = User.objects.get(email="chef@essai.gouv.fr")
    assert (chef.first_name, chef.last_name, chef.org_unit) == ("Camille", "Chef", bureau)
    assert list(chef.managed_units.all()) == [bureau]
    assert not chef.has_usable_password()
    assert User.objects.get(email="agent2@essai.gouv.fr").org_unit.code == "bureau-2"
    after = snapshot()
    again = services.import_organisation(file=FILE.encode(), dry_run=False, imported_by=admin)
    assert (again.units_created, again.units_updated, again.users_created, again.users_updated) == (
        0,
        0,
        0,
        0,
    )
    assert again.users_unchanged == 3
    assert snapshot() == after


def test_services_org_import_one_bad_line_rejects_everything(admin):
    """One bad line: nothing applied, errors listed by line number, in French."""
    bad = FILE + (
        "min-test/dir-test/bureau-1;;;pas-une-adresse;Jean;Trois;oui\n"
        "min-test/dir-test/bureau-1;;;agent1@essai.gouv.fr;Louis;Un;peut-être\n"
        "min-test/inconnu/bureau-9;;;agent9@essai.gouv.fr;Max;Neuf;non\n"
    )
    before = snapshot()
    report = services.import_organisation(file=bad.encode(), dry_run=False, imported_by=admin)
    assert not report.applied
    assert snapshot() == before
    messages = {error.line: error.message for error in report.errors}
    assert set(messages) == {7, 8, 9}
    assert "L’adresse électronique « pas-une-adresse » n’est pas valable" in messages[7]
    assert "La colonne responsable vaut « peut-être »" in messages[8]
    assert "l’adresse agent1@essai.gouv.fr figure déjà ligne 5" in messages[8]
    assert "Unité inconnue : « inconnu », « bureau-9 »." in messages[9]
    assert OrgImport.objects.get().applied is False


def test_services_org_import_missing_columns(admin):
    """A file without the expected columns says which ones."""
    report = services.import_organisation(
        file=b"email;nom\nx@y.fr;X\n", dry_run=True, imported_by=admin
    )
    assert report.errors[0].line == 1
    assert "Colonnes manquantes : unite, prenom" in report.errors[0].message


def test_services_org_import_updates_and_moves(admin):
    """Existing units and agents are matched by code and e-mail: renamed, moved, promoted."""
    ministry = OrgUnitFactory(
        code="min-test", name="Ministère de l’Essai", kind=OrgUnit.Kind.MINISTRY
    )
    direction = OrgUnitFactory(
        code="dir-test", name="Direction des essais", kind=OrgUnit.Kind.DIRECTION, parent=ministry
    )
    old_bureau = OrgUnitFactory(code="bureau-1", name="Ancien nom", parent=ministry)
    agent = UserFactory(
        email="agent1@essai.gouv.fr", first_name="Louis", last_name="Un", org_unit=direction
    )
    agent.managed_units.add(direction)
    report = services.import_organisation(file=FILE.encode(), dry_run=False, imported_by=admin)
    assert report.ok, report.errors
    old_bureau.refresh_from_db()
    assert old_bureau.name == "Bureau des essais" and old_bureau.get_parent() == direction
    agent.refresh_from_db()
    assert agent.org_unit == old_bureau
    assert not agent.managed_units.exists()  # left the direction they managed
    change = next(c for c in report.changes if c.subject == "agent1@essai.gouv.fr")
    assert change.action == "mise à jour"
    assert "unité : dir-test → bureau-1" in change.details


def test_services_org_import_windows_1252_and_commas(admin):
    """Excel's Windows-1252 and comma-separated files are read too."""
    text = FILE.replace(";", ",")
    report = services.import_organisation(
        file=text.encode("cp1252"), dry_run=True, imported_by=admin
    )
    assert report.ok and report.users_created == 3


def test_services_org_import_is_for_administrators(db):
    """Only administrators import."""
    with pytest.raises(NotAllowed):
        services.import_organisation(file=FILE.encode(), dry_run=True, imported_by=UserFactory())


def test_views_org_import_dry_run_then_confirm(client, admin):
    """The page checks the file first, then applies it on confirmation."""
    client.force_login(admin)
    upload = SimpleUploadedFile("rh.csv", FILE.encode(), content_type="text/csv")
    response = client.post(reverse("team_import"), {"file": upload})
    text = response.content.decode()
    assert "Vérification : voici ce qui changerait" in text
    assert not User.objects.filter(email="chef@essai.gouv.fr").exists()
    record = OrgImport.objects.get()
    response = client.post(reverse("team_import"), {"import_id": record.pk})
    assert "Import appliqué" in response.content.decode()
    assert User.objects.filter(email="chef@essai.gouv.fr").exists()
    record.refresh_from_db()
    assert record.applied and record.applied_at
    # Applied once: confirming again answers 404.
    assert client.post(reverse("team_import"), {"import_id": record.pk}).status_code == 404


def test_views_org_import_shows_line_errors(client, admin):
    """Errors are shown by line, and there is nothing to confirm."""
    client.force_login(admin)
    bad = HEADER + "min-test;;;x@essai.gouv.fr;;Sans prénom;non\n"
    upload = SimpleUploadedFile("rh.csv", bad.encode(), content_type="text/csv")
    text = client.post(reverse("team_import"), {"file": upload}).content.decode()
    assert "1 erreur : rien n’a été modifié" in text
    assert "Le prénom manque." in text
    assert 'name="import_id"' not in text
