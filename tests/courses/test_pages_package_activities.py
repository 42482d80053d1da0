"""SCORM and H5P activities in the page editor: upload the package, see French errors on a bad
one, no publication without a package; the outline carries them with their kind and pass mark."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.factories import CourseFactory, ScormActivityFactory, TrainingPathFactory, publish
from courses.models import ContentPackage, H5PActivityPage, ScormActivityPage
from courses.selectors import path_outline
from tests.courses.admin_forms import _form_data, add_url, edit_url, form_errors
from tests.packages import (
    H5P_TRUEFALSE,
    SCORM12_MULTI,
    SCORM2004,
    package_path,
    real_package,
    scorm_zip,
    stored,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_root(settings, tmp_path):
    settings.PACKAGE_ROOT = tmp_path / "packages"


@pytest.fixture
def module(db):
    return CourseFactory(parent=TrainingPathFactory())


def post_page(client, url, fields, upload=None, action=None):
    data = _form_data(client, url)
    payload = {key: data.getlist(key) for key in data}
    payload.update(fields)
    if upload is not None:
        payload["package_file"] = upload
    if action:
        payload[action] = action
    return client.post(url, payload)


def file_of(name: str) -> SimpleUploadedFile:
    path = real_package(name)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/zip")


@pytest.mark.parametrize(
    ("model", "name", "kind", "sco_count"),
    [
        (ScormActivityPage, SCORM12_MULTI, "scorm12", 19),
        (ScormActivityPage, SCORM2004, "scorm2004", 1),
        (H5PActivityPage, H5P_TRUEFALSE, "h5p", 1),
    ],
)
def test_pages_package_admin_upload_real_package(
    admin_client, module, model, name, kind, sco_count
):
    """The page create view takes the real package, stores it and attaches it to the page."""
    response = post_page(
        admin_client,
        add_url(module, model),
        {"title": "Le golf", "slug": "le-golf", "pass_mark": "80"},
        upload=file_of(name),
        action="action-publish",
    )
    assert response.status_code == 302, form_errors(response)
    page = model.objects.get(slug="le-golf")
    assert page.live
    assert page.package.kind == kind
    assert len(page.package.scos) == sco_count
    assert page.pass_mark == 80
    assert page.package.folder.is_dir()


def test_pages_package_admin_bad_package_redisplays_form_in_french(admin_client, module):
    """A hostile package is refused: French error on the file field, the form shown again."""
    bad = SimpleUploadedFile("module.zip", scorm_zip(extra={"../../evil.html": "x"}))
    response = post_page(
        admin_client,
        add_url(module, ScormActivityPage),
        {"title": "Module piégé", "slug": "module-piege"},
        upload=bad,
        action="action-publish",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["package_file"]
    assert any("chemins dangereux" in error for error in errors)
    assert "Module piégé" in response.content.decode()
    assert not ScormActivityPage.objects.filter(slug="module-piege").exists()
    assert ContentPackage.objects.count() == 0


def test_pages_package_admin_wrong_kind_for_page_type(admin_client, module):
    """An H5P file uploaded on a SCORM activity is refused, naming the right page type."""
    response = post_page(
        admin_client,
        add_url(module, ScormActivityPage),
        {"title": "Erreur de type", "slug": "erreur-type"},
        upload=file_of(H5P_TRUEFALSE),
    )
    assert response.status_code == 200
    assert "contenu H5P" in " ".join(response.context["form"].errors["package_file"])


def test_pages_package_admin_cannot_publish_without_package(admin_client, module):
    """Publishing a SCORM activity without its package is refused; a draft is fine."""
    response = post_page(
        admin_client,
        add_url(module, ScormActivityPage),
        {"title": "Sans paquet", "slug": "sans-paquet"},
        action="action-publish",
    )
    assert response.status_code == 200
    assert "Déposez le paquet de l’activité « Sans paquet » avant de la publier." in form_errors(
        response
    )
    assert not ScormActivityPage.objects.filter(slug="sans-paquet").exists()
    response = post_page(
        admin_client,
        add_url(module, ScormActivityPage),
        {"title": "Sans paquet", "slug": "sans-paquet"},
    )
    assert response.status_code == 302
    page = ScormActivityPage.objects.get(slug="sans-paquet")
    assert not page.live and page.package is None


def test_pages_package_admin_edit_keeps_package_without_new_file(admin_client, module):
    """Editing the page without a new file keeps its package, shown in the field's help."""
    package = stored(SCORM2004)
    page = ScormActivityFactory(parent=module, package=package)
    response = admin_client.get(edit_url(page))
    assert "Paquet actuel" in response.content.decode()
    response = post_page(admin_client, edit_url(page), {"title": "Nouveau titre"})
    assert response.status_code == 302, form_errors(response)
    page.refresh_from_db()
    assert page.package == package
    assert page.get_latest_revision_as_object().package == package


def test_pages_package_publish_method_refuses_without_package(module):
    """Routes that skip the form (scripts, scheduled publishing) cannot publish it either."""
    from courses.publication_checks import PublicationBlocked

    page = ScormActivityFactory(parent=module, package=None)
    with pytest.raises(PublicationBlocked):
        page.save_revision().publish()


def test_pages_package_outline_has_kind_and_pass_mark():
    """The outline lists package activities with their kind and pass mark; pass_marks too."""
    scorm, h5p = stored(SCORM2004), stored(H5P_TRUEFALSE)
    path = TrainingPathFactory()
    module = CourseFactory(parent=path)
    ScormActivityFactory(parent=module, package=scorm, pass_mark=75)
    from courses.factories import H5PActivityFactory, LessonFactory

    LessonFactory(parent=module)
    H5PActivityFactory(parent=module, package=h5p)
    publish(path)
    outline = path_outline(path)
    assert [(a.kind, a.pass_mark) for a in outline.activities] == [
        ("scorm", 75),
        ("lesson", None),
        ("h5p", None),
    ]
    assert outline.pass_marks == [75]


def test_pages_package_path_publishable_with_only_a_package_activity():
    """A path whose only required activity is a SCORM module can be published."""
    path = package_path(stored(SCORM2004))
    assert path.live
    assert path_outline(path).activities[0].kind == "scorm"


def test_pages_package_public_page_renders(client):
    """The activity's public page shows its table of contents."""
    path = package_path(stored(SCORM12_MULTI))
    page = ScormActivityPage.objects.descendant_of(path).get()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Sommaire du module" in response.content.decode()


def test_pages_package_admin_listing_is_read_only(admin_client):
    """The admin lists packages (searchable, inspectable) but neither adds nor edits them."""
    package = stored(SCORM2004)
    response = admin_client.get("/cms/content_packages/", {"q": "Golf"})
    assert response.status_code == 200
    assert package.title in response.content.decode()
    inspect = admin_client.get(f"/cms/content_packages/inspect/{package.pk}/")
    assert inspect.status_code == 200
    assert package.sha256 in inspect.content.decode()
    assert admin_client.get("/cms/content_packages/new/").status_code in (302, 403)
    assert admin_client.get(f"/cms/content_packages/edit/{package.pk}/").status_code in (302, 403)
    delete = admin_client.post(f"/cms/content_packages/delete/{package.pk}/")
    assert delete.status_code in (302, 403)
    assert ContentPackage.objects.filter(pk=package.pk).exists()
