"""Certificates issued with their holder's e-mail address as holder name lose it.

Before names were asked at sign-up, an agent without names got certificates "in the name of"
their e-mail address, shown on the public verification page and carried in clear in the Open
Badges credential. Each such certificate takes its agent's current first and last names, or no
name at all (the pages and the credential then name nobody, and the agent gets their name on
it once they fill in Mon profil). Its signed credential and its PDF, which printed the address,
are dropped: both are made again, in the new name, at their next download.
"""

import os

from django.conf import settings
from django.db import migrations


def current_name(user) -> str:
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if not first or not last or "@" in first + last:
        return ""
    return f"{first} {last}"


def delete_private_pdf(name: str) -> None:
    """Remove the old PDF from private storage (PRIVATE_MEDIA_ROOT/certificats/<name>)."""
    root = os.path.realpath(os.path.join(settings.PRIVATE_MEDIA_ROOT, "certificats"))
    path = os.path.realpath(os.path.join(root, name))
    if path.startswith(root + os.sep) and os.path.isfile(path):
        os.remove(path)


def drop_email_holder_names(apps, schema_editor):
    Certificate = apps.get_model("learners", "Certificate")
    pdf_names = []
    for certificate in Certificate.objects.filter(holder_name__contains="@").select_related(
        "user"
    ):
        if certificate.pdf:
            pdf_names.append(certificate.pdf.name)
        Certificate.objects.filter(pk=certificate.pk).update(
            holder_name=current_name(certificate.user), credential_jwt="", pdf=""
        )
    for name in pdf_names:
        delete_private_pdf(name)


class Migration(migrations.Migration):
    dependencies = [
        ("learners", "0010_session_registration_protect"),
    ]

    operations = [
        migrations.RunPython(drop_email_holder_names, migrations.RunPython.noop),
    ]
