"""Data migration 0011: certificates issued with the holder's e-mail address as their name.

Before names were asked at sign-up, a certificate of an agent without names carried their
e-mail address as holder name, on the public verification page and in the credential. The
migration gives such certificates their agent's current full name, or no name (the pages then
leave the holder out); it drops their signed credential and their PDF, which printed the address,
so that both are made again, in the new name, at their next download.

Runs the real migrations backwards and forwards: a transactional test, restored afterwards.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_migrated_content"),
]

BEFORE = [("learners", "0010_session_registration_protect")]
AFTER = [("learners", "0012_certificate_holder_name_not_email")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_migrations_holder_name_emails_replaced(settings, tmp_path):
    """E-mail holder names become the current full name, or none; credential and PDF dropped."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    old_apps = migrate(BEFORE)
    try:
        User = old_apps.get_model("learners", "User")
        Certificate = old_apps.get_model("learners", "Certificate")
        named = User.objects.create(
            email="named@finances.gouv.fr", first_name="Alix", last_name="Petit"
        )
        nameless = User.objects.create(email="nameless@finances.gouv.fr")
        common = {
            "path_title": "Parcours",
            "enrolment_completed_at": "2025-01-01T10:00:00Z",
            "credential_jwt": "header.payload.signature",
        }
        pdf_file = tmp_path / "certificats" / "2025" / "ancien.pdf"
        pdf_file.parent.mkdir(parents=True)
        pdf_file.write_bytes(b"%PDF named@finances.gouv.fr")
        renamed = Certificate.objects.create(
            user=named,
            holder_name="named@finances.gouv.fr",
            public_id="a" * 22,
            code="AAAAAAAAAA",
            pdf="2025/ancien.pdf",
            **common,
        )
        unnamed = Certificate.objects.create(
            user=nameless,
            holder_name="nameless@finances.gouv.fr",
            public_id="b" * 22,
            code="BBBBBBBBBB",
            **common,
        )
        orphan = Certificate.objects.create(
            user=None,
            holder_name="gone@finances.gouv.fr",
            public_id="c" * 22,
            code="CCCCCCCCCC",
            **common,
        )
        kept = Certificate.objects.create(
            user=named,
            holder_name="Alix Petit-Ancien",
            public_id="d" * 22,
            code="DDDDDDDDDD",
            **common,
        )

        new_apps = migrate(AFTER)
        Certificate = new_apps.get_model("learners", "Certificate")
        rows = {
            row["pk"]: row
            for row in Certificate.objects.values("pk", "holder_name", "credential_jwt", "pdf")
        }
        assert rows[renamed.pk] == {
            "pk": renamed.pk,
            "holder_name": "Alix Petit",
            "credential_jwt": "",
            "pdf": "",
        }
        assert rows[unnamed.pk]["holder_name"] == ""
        assert rows[unnamed.pk]["credential_jwt"] == ""
        assert rows[orphan.pk]["holder_name"] == ""
        assert not pdf_file.exists()
        # A certificate issued with a name keeps it, and its credential.
        assert rows[kept.pk]["holder_name"] == "Alix Petit-Ancien"
        assert rows[kept.pk]["credential_jwt"] == "header.payload.signature"
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
