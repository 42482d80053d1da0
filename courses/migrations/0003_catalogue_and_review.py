"""Create the catalogue page, the trainers' and reviewers' rights on it, and the review workflow.

- "Formateurs" may add and edit pages under the catalogue, not publish them;
- "Responsables pédagogiques" may add, edit and publish there;
- pages under the catalogue go through the workflow "Relecture pédagogique", one task approved
  by "Responsables pédagogiques";
- both groups may add and choose images and documents in the root collection.
"""

from django.db import migrations
from django.utils import timezone

TRAINERS = "Formateurs"
REVIEWERS = "Responsables pédagogiques"
WORKFLOW = "Relecture pédagogique"
TASK = "Validation par un responsable pédagogique"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
CATALOGUE_INTRO = (
    "<p>Parcours de formation au numérique pour les agents publics : cherchez par mot-clé ou "
    "filtrez par thématique, niveau, format, durée et langue.</p>"
)


def _next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = 1 if last is None else int(last[-STEPLEN:], 36) + 1
    digits = ""
    while True:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
        if number == 0:
            break
    return parent.path + digits.rjust(STEPLEN, "0")


def create_catalogue(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")
    CatalogPage = apps.get_model("courses", "CatalogPage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    home = HomePage.objects.filter(depth=2).order_by("path").first()
    if home is None:
        return
    catalogue = CatalogPage.objects.filter(slug="catalogue").first()
    if catalogue is None:
        now = timezone.now()
        catalogue = CatalogPage.objects.create(
            title="Catalogue des formations",
            draft_title="Catalogue des formations",
            slug="catalogue",
            content_type=ContentType.objects.get_or_create(app_label="courses", model="catalogpage")[0],
            path=_next_child_path(Page, home),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}catalogue/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            intro=CATALOGUE_INTRO,
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)

    page_permission = {
        codename: Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for codename in ("add_page", "change_page", "publish_page")
    }
    trainers = Group.objects.get(name=TRAINERS)
    reviewers = Group.objects.get(name=REVIEWERS)
    rights = {trainers: ["add_page", "change_page"], reviewers: ["add_page", "change_page", "publish_page"]}
    for group, codenames in rights.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=catalogue.pk, permission=page_permission[codename]
            )

    root_collection = Collection.objects.filter(depth=1).first()
    media_permissions = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        codename__in=["add_image", "choose_image", "add_document", "choose_document"],
    )
    for group in (trainers, reviewers):
        for permission in media_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK,
            active=True,
            content_type=ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        )
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})


def remove_catalogue(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()
    catalogue = apps.get_model("courses", "CatalogPage").objects.filter(slug="catalogue").first()
    if catalogue is not None:
        Page = apps.get_model("wagtailcore", "Page")
        parent_path = catalogue.path[:-STEPLEN]
        Page.objects.filter(path__startswith=catalogue.path).delete()
        parent = Page.objects.get(path=parent_path)
        Page.objects.filter(pk=parent.pk).update(numchild=max(parent.numchild - 1, 0))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_themes"),
        ("home", "0002_create_homepage"),
        ("learners", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        # After Wagtail copies model permissions to collections, so as not to collide with it.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_catalogue, remove_catalogue)]
