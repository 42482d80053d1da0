"""Let "Administrateurs" manage the catalogue's snippets: themes and skills.

learners/0002_roles grants the group the learners, auth and Wagtail apps only, so a
non-superuser administrator could not open "Classement" in the admin. Trainers and reviewers
get nothing here: they choose themes and tag skills on the paths they write (free tagging needs
no snippet permission) but do not curate the lists.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATORS = "Administrateurs"
MODELS = ["theme", "skilltag"]
ACTIONS = ["add", "change", "delete", "view"]


def _snippet_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="courses",
        codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    courses = apps.get_app_config("courses")
    courses.models_module = True
    create_permissions(courses, apps=apps, verbosity=0)
    courses.models_module = None

    Group = apps.get_model("auth", "Group")
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(*_snippet_permissions(apps))


def revoke(apps, schema_editor):
    administrators = apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATORS).first()
    if administrators is not None:
        administrators.permissions.remove(*_snippet_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_catalogue_and_review"),
        ("learners", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
