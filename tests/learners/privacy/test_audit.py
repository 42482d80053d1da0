"""The audit log: recording events, append-only storage, automatic recording of role and scope
changes, and the administrators' read-only listing in the Wagtail admin."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from learners.accounts.permissions import ADMINISTRATORS_GROUP, REVIEWERS_GROUP, TRAINERS_GROUP
from learners.factories import OrgUnitFactory, UserFactory
from learners.privacy import audit
from learners.privacy.models import AuditEvent, AuditLogIsAppendOnly

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action


@pytest.fixture
def administrator():
    return UserFactory(
        email="admin@numerique.gouv.fr",
        first_name="Alice",
        last_name="Martin",
        groups=[Group.objects.get(name=ADMINISTRATORS_GROUP)],
    )


@pytest.fixture
def agent():
    return UserFactory(email="camille.durand@numerique.gouv.fr", first_name="Camille")


def events(action=None):
    queryset = AuditEvent.objects.all()
    return list(queryset.filter(action=action) if action else queryset)


# Recording ----------------------------------------------------------------------------------


def test_audit_record_keeps_actor_target_details_and_ip(rf, administrator, agent):
    """An event keeps who, what, on what (type, id, text), the details and the client IP."""
    request = rf.post("/", REMOTE_ADDR="192.0.2.7")
    request.user = administrator
    expires = datetime.date(2027, 6, 30)
    public_id = uuid.uuid4()
    event = audit.record(
        actor=administrator,
        action=Action.EXPORT_DOWNLOADED,
        target=agent,
        details={"format": "csv", "expires": expires, "id": public_id},
        request=request,
    )
    event.refresh_from_db()
    assert event.actor == administrator
    assert event.actor_label == "Alice Martin <admin@numerique.gouv.fr>"
    assert (event.target_type, event.target_id) == ("learners.user", str(agent.pk))
    assert event.target_label == str(agent)
    assert event.details == {"format": "csv", "expires": "2027-06-30", "id": str(public_id)}
    assert event.ip == "192.0.2.7"
    assert AuditEvent.objects.for_target(agent).get() == event


def test_audit_record_without_actor_is_the_system():
    """Tasks and commands record events as the system, without IP."""
    event = audit.record(actor=None, action=Action.IMPORT_APPLIED, details={"rows": 3})
    assert (event.actor, event.actor_label, event.ip) == (None, "Système", None)
    assert event.target_type == event.target_id == ""


def test_audit_record_refuses_unknown_actions(administrator):
    """A misspelt action fails loudly rather than polluting the log."""
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit.record(actor=administrator, action="certificat_revoque")


def test_audit_record_takes_the_ip_of_the_request_being_served(rf, administrator):
    """Without `request`, the request being served (middleware) gives the IP."""
    request = rf.get("/", REMOTE_ADDR="198.51.100.4")
    request.user = administrator
    with audit.serving(request):
        event = audit.record(actor=administrator, action=Action.ASSIGNMENT_CREATED)
    assert event.ip == "198.51.100.4"


# Append-only --------------------------------------------------------------------------------


def test_audit_events_cannot_be_changed_or_deleted(administrator):
    """Neither the model nor its querysets change or delete an event."""
    event = audit.record(actor=administrator, action=Action.CERTIFICATE_REVOKED)
    event.details = {"reason": "rewritten"}
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(details={})
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_update([event], ["details"])
    event.refresh_from_db()
    assert event.details == {}


def test_audit_events_outlive_their_actor(administrator, agent):
    """Deleting the actor's account keeps the event, with the actor's name and e-mail."""
    event = audit.record(actor=administrator, action=Action.ROLE_CHANGED, target=agent)
    administrator.delete()
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_label == "Alice Martin <admin@numerique.gouv.fr>"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
def test_audit_database_refuses_sql_update_and_delete(administrator):
    """On PostgreSQL, even SQL sent around the ORM cannot change or delete an event."""
    event = audit.record(actor=administrator, action=Action.CERTIFICATE_REVOKED)
    for sql in (
        "UPDATE learners_auditevent SET details = '{}' WHERE id = %s",
        "UPDATE learners_auditevent SET actor_id = NULL, actor_label = '' WHERE id = %s",
        "DELETE FROM learners_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


# Roles and scope, recorded automatically ----------------------------------------------------


def test_audit_group_changes_are_recorded_as_role_changes(agent):
    """Adding, removing and clearing groups, from either side, is recorded per agent."""
    trainers = Group.objects.get(name=TRAINERS_GROUP)
    reviewers = Group.objects.get(name=REVIEWERS_GROUP)
    agent.groups.add(trainers, reviewers)
    agent.groups.remove(trainers)
    reviewers.user_set.remove(agent)
    trainers.user_set.add(agent)
    agent.groups.clear()
    details = [event.details for event in reversed(events(Action.ROLE_CHANGED))]
    assert details == [
        {"added": [TRAINERS_GROUP, REVIEWERS_GROUP], "removed": []},
        {"added": [], "removed": [TRAINERS_GROUP]},
        {"added": [], "removed": [REVIEWERS_GROUP]},
        {"added": [TRAINERS_GROUP], "removed": []},
        {"added": [], "removed": [TRAINERS_GROUP]},
    ]
    assert {event.target_id for event in events()} == {str(agent.pk)}


def test_audit_privilege_flags_are_recorded_as_role_changes(agent):
    """Making an agent superuser or staff, and back, is recorded with before and after."""
    agent.is_superuser = True
    agent.is_staff = True
    agent.save()
    agent.is_superuser = False
    agent.save(update_fields=["is_superuser"])
    first, second = reversed(events(Action.ROLE_CHANGED))
    assert first.details == {
        "is_superuser": {"from": False, "to": True},
        "is_staff": {"from": False, "to": True},
    }
    assert second.details == {"is_superuser": {"from": True, "to": False}}


def test_audit_ordinary_user_saves_record_nothing(agent, django_assert_num_queries):
    """A login (last_login) or profile update is no role change, and costs no extra query."""
    agent.first_name = "Camille-Anne"
    agent.save()
    with django_assert_num_queries(1):
        agent.save(update_fields=["last_login"])
    assert events() == []


def test_audit_superuser_creation_is_recorded():
    """An account created with privileges is recorded too."""
    user = UserFactory(is_superuser=True, is_staff=True)
    event = AuditEvent.objects.get()
    assert event.target_id == str(user.pk)
    assert event.details["is_superuser"] == {"from": False, "to": True}


def test_audit_managed_units_are_recorded_as_scope_changes(agent):
    """A manager's units, added or removed from either side, are recorded as scope changes."""
    ministry = OrgUnitFactory(name="Ministère de l’Exemple", code="min-exemple")
    office = OrgUnitFactory(name="Bureau des usages", code="bureau-usages", parent=ministry)
    agent.managed_units.add(ministry)
    office.managers.add(agent)
    agent.managed_units.remove(ministry)
    details = [event.details for event in reversed(events(Action.SCOPE_CHANGED))]
    assert details == [
        {"added": ["Ministère de l’Exemple (min-exemple)"], "removed": []},
        {"added": ["Bureau des usages (bureau-usages)"], "removed": []},
        {"added": [], "removed": ["Ministère de l’Exemple (min-exemple)"]},
    ]


def test_audit_role_change_in_wagtail_admin_names_the_administrator(client, administrator, agent):
    """A role given in the Wagtail admin's user form is recorded with the administrator and
    their IP address."""
    client.force_login(administrator)
    url = reverse("wagtailusers_users:edit", args=[agent.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"groups", "password", "last_login"}
    }
    reviewers = Group.objects.get(name=REVIEWERS_GROUP)
    data.update({"groups": [reviewers.pk], "is_active": "on", "email": agent.email})
    response = client.post(url, data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302, response.context["form"].errors
    event = AuditEvent.objects.for_target(agent).get()
    assert event.action == Action.ROLE_CHANGED
    assert event.actor == administrator
    assert event.details == {"added": [REVIEWERS_GROUP], "removed": []}
    assert event.ip == "203.0.113.9"


# The administrators' listing ----------------------------------------------------------------


@pytest.fixture
def some_events(administrator, agent):
    audit.record(actor=administrator, action=Action.CERTIFICATE_REVOKED, target=agent)
    audit.record(actor=None, action=Action.IMPORT_APPLIED, details={"rows": 12})


def test_audit_admin_lists_filters_and_searches(client, administrator, some_events):
    """Administrators list the events, filter them by action and date, and search them."""
    client.force_login(administrator)
    index = reverse("learners_audit:index")
    response = client.get(index)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Certificat révoqué" in content and "Import de l’organisation appliqué" in content

    response = client.get(index, {"action": Action.IMPORT_APPLIED})
    assert [event.action for event in response.context["object_list"]] == [Action.IMPORT_APPLIED]
    today = datetime.date.today().isoformat()
    response = client.get(index, {"created_at_from": today, "created_at_to": today})
    assert len(response.context["object_list"]) == AuditEvent.objects.count() == 3
    response = client.get(index, {"created_at_from": "2000-01-01", "created_at_to": "2000-01-02"})
    assert len(response.context["object_list"]) == 0
    response = client.get(index, {"q": "camille"})
    assert [event.action for event in response.context["object_list"]] == [
        Action.CERTIFICATE_REVOKED
    ]


def test_audit_admin_inspects_but_never_adds_edits_or_deletes(client, administrator, some_events):
    """An event can be read in full, never created, changed or deleted from the admin."""
    client.force_login(administrator)
    event = AuditEvent.objects.get(action=Action.IMPORT_APPLIED)
    response = client.get(reverse("learners_audit:inspect", args=[event.pk]))
    assert response.status_code == 200
    assert "rows" in response.content.decode()
    assert client.get(reverse("learners_audit:add")).status_code == 403
    assert client.get(reverse("learners_audit:edit", args=[event.pk])).status_code == 403
    assert client.post(reverse("learners_audit:delete", args=[event.pk])).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("group", [TRAINERS_GROUP, REVIEWERS_GROUP])
def test_audit_admin_is_closed_to_other_admin_users(client, some_events, group):
    """Trainers and reviewers, who reach the Wagtail admin, get 403 and no menu entry."""
    client.force_login(UserFactory(groups=[Group.objects.get(name=group)]))
    assert client.get(reverse("learners_audit:index")).status_code == 403
    event = AuditEvent.objects.first()
    assert client.get(reverse("learners_audit:inspect", args=[event.pk])).status_code == 403
    assert "journal-audit" not in client.get(reverse("wagtailadmin_home")).content.decode()
