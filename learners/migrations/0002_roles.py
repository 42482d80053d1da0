"""Create the campus's role groups. Page permissions on the catalogue are granted by `courses`."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINERS = "Formateurs"
REVIEWERS = "Responsables pédagogiques"
ADMINISTRATORS = "Administrateurs"

# Administrators manage people, organisation, content and media through the Wagtail admin.
ADMINISTRATOR_APPS = ["learners", "auth", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    media = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        codename__in=["add_image", "choose_image", "add_document", "choose_document"],
    )
    for name in (TRAINERS, REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *media)

    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(
        access_admin,
        *Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS),
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[TRAINERS, REVIEWERS, ADMINISTRATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0001_initial"),
        ("wagtaildocs", "0001_initial"),
        ("taggit", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
