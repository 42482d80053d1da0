"""A small hand-built organisation for the team tests, where every figure is known.

    Ministère M
    └── Direction D ............ d1 (P2 completed); the manager of A is attached here
        ├── Bureau A ........... a1 (P1 completed, P2 in progress), a2 (P1 not started)
        │   └── Section A1 ..... a3 (P1 in progress, P2 abandoned)
        └── Bureau B ........... b1 (P1 completed)

Paths P1 and P2: one module of two 20-minute lessons each. Campaign "A" assigns P1 to A and its
sub-units, due three days ago: a1 completed it, a2 and a3 are late. Campaign "B" (by the
manager of B) assigns P2 to b1.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone

from courses.factories import build_path
from courses.selectors import path_outline
from learners.accounts.models import OrgUnit, User
from learners.accounts.permissions import ADMINISTRATORS_GROUP, TRAINERS_GROUP
from learners.factories import EnrolmentFactory, OrgUnitFactory, UserFactory
from learners.learning.models import ActivityCompletion, Enrolment
from learners.team.models import Assignment, Campaign

Status = Enrolment.Status
PASSWORD = "campus-demo-2026"


@dataclass
class Org:
    ministry: OrgUnit
    direction: OrgUnit
    unit_a: OrgUnit
    section_a1: OrgUnit
    unit_b: OrgUnit
    p1: object
    p2: object
    manager: User
    manager_b: User
    admin: User
    agent: User  # a plain agent (a1)
    trainer: User
    a1: User
    a2: User
    a3: User
    b1: User
    d1: User
    campaign_a: Campaign
    campaign_b: Campaign


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def complete(user, path, activity_ids, when):
    """ActivityCompletion rows as `complete_activity` would leave them (20 minutes each)."""
    for activity_id in activity_ids:
        completion = ActivityCompletion.objects.create(
            user=user, activity_id=activity_id, path=path, duration_minutes=20
        )
        ActivityCompletion.objects.filter(pk=completion.pk).update(completed_at=when)


def enrol(
    user,
    path,
    *,
    status,
    progress=0,
    minutes=0,
    enrolled=30,
    last=None,
    completed=None,
    abandoned=None,
    origin=Enrolment.Origin.SELF,
):
    return EnrolmentFactory(
        user=user,
        path=path,
        status=status,
        origin=origin,
        progress_percent=progress,
        completed_minutes=minutes,
        enrolled_at=ago(enrolled),
        last_activity_at=ago(last if last is not None else enrolled),
        completed_at=ago(completed) if completed is not None else None,
        started_at=ago(enrolled) if status != Status.ENROLLED else None,
        abandoned_at=ago(abandoned) if abandoned is not None else None,
    )


def campaign(*, path, unit, created_by, due_date, users_enrolments):
    item = Campaign.objects.create(
        title=f"Campagne {unit.name}",
        path=path,
        created_by=created_by,
        due_date=due_date,
        unit=unit,
    )
    for user, enrolment in users_enrolments:
        Assignment.objects.create(campaign=item, user=user, enrolment=enrolment, due_date=due_date)
    return item


def build_org() -> Org:
    ministry = OrgUnitFactory(name="Ministère M", code="min-m", kind=OrgUnit.Kind.MINISTRY)
    direction = OrgUnitFactory(
        name="Direction D", code="dir-d", kind=OrgUnit.Kind.DIRECTION, parent=ministry
    )
    unit_a = OrgUnitFactory(name="Bureau A", code="bureau-a", parent=direction)
    section_a1 = OrgUnitFactory(name="Section A1", code="section-a1", parent=unit_a)
    unit_b = OrgUnitFactory(name="Bureau B", code="bureau-b", parent=direction)
    p1 = build_path(title="Parcours P1", lessons=2)
    p2 = build_path(title="Parcours P2", lessons=2)
    p1_lessons = [a.id for a in path_outline(p1).activities]
    p2_lessons = [a.id for a in path_outline(p2).activities]

    def person(email, first, last, unit):
        return UserFactory(email=email, first_name=first, last_name=last, org_unit=unit)

    manager = person("responsable-a@campus.example", "Rose", "Manager", direction)
    manager.managed_units.add(unit_a)
    manager_b = person("responsable-b@campus.example", "Basile", "Manager", direction)
    manager_b.managed_units.add(unit_b)
    admin = person("admin-equipe@campus.example", "Ada", "Admin", None)
    admin.groups.add(Group.objects.get(name=ADMINISTRATORS_GROUP))
    trainer = person("formateur-equipe@campus.example", "Tom", "Formateur", unit_b)
    trainer.groups.add(Group.objects.get(name=TRAINERS_GROUP))
    a1 = person("a1@campus.example", "Alice", "Alpha", unit_a)
    a2 = person("a2@campus.example", "Bruno", "Bravo", unit_a)
    a3 = person("a3@campus.example", "Chloé", "Charlie", section_a1)
    b1 = person("b1@campus.example", "Denis", "Delta", unit_b)
    d1 = person("d1@campus.example", "Emma", "Echo", direction)

    a1_p1 = enrol(
        a1,
        p1,
        status=Status.COMPLETED,
        progress=100,
        minutes=40,
        enrolled=20,
        last=10,
        completed=10,
    )
    complete(a1, p1, p1_lessons, ago(10))
    enrol(a1, p2, status=Status.IN_PROGRESS, progress=0, minutes=0, enrolled=5, last=2)
    a2_p1 = enrol(a2, p1, status=Status.ENROLLED, enrolled=100)
    a3_p1 = enrol(a3, p1, status=Status.IN_PROGRESS, progress=50, minutes=20, enrolled=60, last=5)
    complete(a3, p1, p1_lessons[:1], ago(5))
    enrol(
        a3, p2, status=Status.ABANDONED, progress=50, minutes=20, enrolled=50, last=45, abandoned=40
    )
    complete(a3, p2, p2_lessons[:1], ago(45))
    b1_p2 = enrol(b1, p2, status=Status.IN_PROGRESS, progress=50, minutes=20, enrolled=10, last=1)
    complete(b1, p2, p2_lessons[:1], ago(1))
    enrol(
        b1,
        p1,
        status=Status.COMPLETED,
        progress=100,
        minutes=40,
        enrolled=30,
        last=20,
        completed=20,
    )
    complete(b1, p1, p1_lessons, ago(20))
    enrol(
        d1,
        p2,
        status=Status.COMPLETED,
        progress=100,
        minutes=40,
        enrolled=30,
        last=15,
        completed=15,
    )
    complete(d1, p2, p2_lessons, ago(15))

    due = timezone.localdate() - datetime.timedelta(days=3)
    campaign_a = campaign(
        path=p1,
        unit=unit_a,
        created_by=manager,
        due_date=due,
        users_enrolments=[(a1, a1_p1), (a2, a2_p1), (a3, a3_p1)],
    )
    campaign_b = campaign(
        path=p2, unit=unit_b, created_by=manager_b, due_date=due, users_enrolments=[(b1, b1_p2)]
    )
    return Org(
        ministry=ministry,
        direction=direction,
        unit_a=unit_a,
        section_a1=section_a1,
        unit_b=unit_b,
        p1=p1,
        p2=p2,
        manager=manager,
        manager_b=manager_b,
        admin=admin,
        agent=a1,
        trainer=trainer,
        a1=a1,
        a2=a2,
        a3=a3,
        b1=b1,
        d1=d1,
        campaign_a=campaign_a,
        campaign_b=campaign_b,
    )
