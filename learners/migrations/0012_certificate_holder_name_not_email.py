"""The database refuses an e-mail address as a certificate's holder name."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0011_certificate_holder_names_without_email"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(("holder_name__contains", "@"), _negated=True),
                name="learners_certificate_holder_name_not_email",
            ),
        ),
    ]
