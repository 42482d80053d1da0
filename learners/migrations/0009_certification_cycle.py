"""Certificates are unique per integer certification cycle, not per completion timestamp.

`(enrolment, enrolment_completed_at)` broke when a dump and restore rounded the timestamp or a
clock was set back. Backfill: an enrolment's certificates, oldest first, are its cycles 1, 2, …;
its current cycle is the last certificate's, or the next one when it was renewed since (its
completion no longer matches the last certificate's).
"""

from django.db import migrations, models


def backfill(apps, schema_editor):
    Enrolment = apps.get_model("learners", "Enrolment")
    Certificate = apps.get_model("learners", "Certificate")
    last_by_enrolment = {}
    certificates = Certificate.objects.exclude(enrolment=None).order_by("enrolment_id", "issued_at", "pk")
    for certificate in certificates.iterator(chunk_size=2000):
        cycle = last_by_enrolment.get(certificate.enrolment_id, (0, None))[0] + 1
        Certificate.objects.filter(pk=certificate.pk).update(cycle=cycle)
        last_by_enrolment[certificate.enrolment_id] = (cycle, certificate.enrolment_completed_at)
    # Certificates whose enrolment was deleted keep cycle 1 (the constraint ignores them).
    Certificate.objects.filter(enrolment=None).update(cycle=1)
    enrolments = Enrolment.objects.filter(pk__in=list(last_by_enrolment)).only("pk", "completed_at")
    for enrolment in enrolments.iterator(chunk_size=2000):
        cycle, completed_at = last_by_enrolment[enrolment.pk]
        current = cycle if enrolment.completed_at == completed_at else cycle + 1
        if current != 1:
            Enrolment.objects.filter(pk=enrolment.pk).update(certification_cycle=current)


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0008_enrolment_cycle_started_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="certification_cycle",
            field=models.PositiveIntegerField(
                default=1,
                help_text=(
                    "1 pour le premier parcours, puis +1 à chaque renouvellement du certificat."
                ),
                verbose_name="cycle de certification",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="cycle",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="cycle",
            field=models.PositiveIntegerField(
                default=1,
                help_text="Un certificat par cycle de l’inscription.",
                verbose_name="cycle de certification",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="certificate",
            name="learners_certificate_once_per_completion",
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                fields=("enrolment", "cycle"), name="learners_certificate_once_per_cycle"
            ),
        ),
    ]
