"""The start of an enrolment's current certification cycle, set by a renewal.

Before, the boundary was the completion recorded on the previous certificate, so quiz retakes
made after a completion counted in the next cycle. Enrolments already renewed (enrolled again
after a certified completion) get their renewal date.
"""

from django.db import migrations, models
from django.db.models import Exists, F, OuterRef


def backfill(apps, schema_editor):
    Enrolment = apps.get_model("learners", "Enrolment")
    Certificate = apps.get_model("learners", "Certificate")
    renewed = Certificate.objects.filter(
        enrolment=OuterRef("pk"), enrolment_completed_at__lte=OuterRef("enrolled_at")
    )
    Enrolment.objects.filter(Exists(renewed)).update(cycle_started_at=F("enrolled_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0007_erasure_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="cycle_started_at",
            field=models.DateTimeField(
                blank=True,
                help_text=(
                    "Renouvellement du certificat : seules les tentatives de quiz et les "
                    "présences postérieures comptent pour le nouveau cycle. Vide pour le "
                    "premier cycle."
                ),
                null=True,
                verbose_name="cycle de certification commencé le",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
