"""Mandatory-training campaigns: a manager assigns a path, with a due date, to chosen agents or
to a whole unit (with the units below it).

An agent has at most one open assignment of a path: agents who already must follow it (an
assignment of another campaign, not completed) are left out of a new campaign, and a campaign
that would assign nobody new is refused, so nobody gets two e-mails or two series of reminders.
Campaigns of one path are created one at a time (the path's row is locked), so two managers, or
a double submit, cannot both assign the same agents.

Agents are enrolled with origin "assigned" — in bulk when they have no enrolment yet, through
`enrol` when an abandoned enrolment comes back — and each is told by e-mail once the
transaction commits. Agents who join the unit later are not assigned silently: the campaign
page lists them and `add_to_campaign` assigns them.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from learners.accounts.models import OrgUnit, User
from learners.accounts.permissions import may_see_team
from learners.common.exceptions import LearnerServiceError, NotAllowed, NotFound
from learners.common.notifications import enqueue_on_commit
from learners.learning.models import Enrolment
from learners.team.models import Assignment, Campaign
from learners.team.scope import agents_in_scope, team_scope


def _unit_agents(unit: OrgUnit, include_subunits: bool):
    agents = User.objects.filter(is_active=True)
    if include_subunits:
        return agents.filter(org_unit__path__startswith=unit.path)
    return agents.filter(org_unit=unit)


def _check_scope(manager, *, unit=None, user_ids=(), within_units=None) -> None:
    """The manager may assign only within their scope (administrators: anyone); an API client
    (`within_units`, its units with those below them) only within its units."""
    if within_units is not None:
        units = within_units
        agents = User.objects.filter(is_active=True, org_unit__in=within_units)
    elif not may_see_team(manager):
        raise NotAllowed(_("Seuls les responsables d’équipe peuvent assigner une formation."))
    else:
        units, agents = team_scope(manager), agents_in_scope(manager)
    if unit is not None and not units.filter(pk=unit.pk).exists():
        raise NotAllowed(_("Cette unité ne fait pas partie de votre périmètre."))
    if user_ids:
        visible = agents.filter(pk__in=list(user_ids)).count()
        if visible != len(set(user_ids)):
            raise NotAllowed(_("Certains agents ne font pas partie de votre périmètre."))


def create_campaign(
    *,
    path,
    created_by,
    due_date: datetime.date,
    message: str = "",
    unit: OrgUnit | None = None,
    users=(),
    include_subunits: bool = True,
    title: str = "",
    within_units=None,
) -> Campaign:
    """Assign the live `path` to the agents of `unit` (and below, by default) and to `users`.

    `created_by` is the manager (or administrator) whose scope applies; for an API client it is
    None and `within_units` (a queryset of units) is the scope.

    One transaction: the campaign, the enrolments and the assignments are created together,
    and the agents' e-mails leave after commit. Raises `NotAllowed` outside the creator's
    scope, `NotFound` for a path not published, `LearnerServiceError` for a due date in the
    past or when nobody would be assigned.
    """
    if not path.live:
        raise NotFound(_("Ce parcours n’est pas publié."))
    if due_date < timezone.localdate():
        raise LearnerServiceError(_("L’échéance ne peut pas être dans le passé."))
    user_ids = {user.pk for user in users}
    _check_scope(created_by, unit=unit, user_ids=user_ids, within_units=within_units)
    with transaction.atomic():
        _lock_path(path)
        if unit is not None:
            user_ids |= set(_unit_agents(unit, include_subunits).values_list("pk", flat=True))
        if not user_ids:
            raise LearnerServiceError(
                _("Aucun agent n’est concerné : choisissez une unité ou des agents.")
            )
        already = _already_assigned(path, user_ids)
        if already and not user_ids - already.keys():
            first = min(already.values(), key=lambda a: a.due_date)
            raise LearnerServiceError(
                _(
                    "Ces agents doivent déjà suivre ce parcours (campagne « %(title)s », "
                    "échéance du %(date)s) : aucune nouvelle assignation n’est créée."
                )
                % {"title": first.campaign.title, "date": first.due_date.strftime("%d/%m/%Y")}
            )
        campaign = Campaign.objects.create(
            title=title.strip()
            or _("%(path)s — échéance du %(date)s")
            % {"path": path.title, "date": due_date.strftime("%d/%m/%Y")},
            path=path,
            created_by=created_by,
            due_date=due_date,
            message=message.strip(),
            unit=unit,
            include_subunits=include_subunits,
        )
        _assign(campaign, user_ids - already.keys())
    campaign.already_assigned = len(already)
    return campaign


def cancel_assignment(*, assignment: Assignment, cancelled_by=None, within_units=None) -> None:
    """Withdraw one agent's mandatory training: no more reminders, nothing overdue. The
    enrolment and its progress stay the agent's. A completed assignment stays (it is history).
    Scope as in `create_campaign` (`within_units` for an API client)."""
    _check_scope(cancelled_by, user_ids={assignment.user_id}, within_units=within_units)
    if assignment.is_completed:
        raise LearnerServiceError(
            _("Cette formation est déjà terminée : son assignation ne peut plus être annulée.")
        )
    assignment.delete()


def _lock_path(path) -> None:
    """Serialise the campaigns of one path (a no-op UPDATE takes the row lock, as in
    `learning.services.locks`; SQLite serialises writes anyway)."""
    Page.objects.filter(pk=path.pk).update(locked=F("locked"))


def _already_assigned(path, user_ids) -> dict[int, Assignment]:
    """{agent id: their open assignment of `path`} (not completed), one query."""
    assignments = (
        Assignment.objects.not_completed()
        .filter(campaign__path=path, user_id__in=list(user_ids))
        .select_related("campaign")
        .order_by("due_date", "pk")
    )
    found: dict[int, Assignment] = {}
    for assignment in assignments:
        found.setdefault(assignment.user_id, assignment)
    return found


def add_to_campaign(*, campaign: Campaign, users, added_by=None) -> int:
    """Assign the campaign's path to more agents (e.g. who joined the unit after it started).

    Agents already assigned are skipped. Returns the number of agents added.
    """
    user_ids = {user.pk for user in users}
    if added_by is not None:
        _check_scope(added_by, user_ids=user_ids)
    if not campaign.path.live:
        raise NotFound(_("Ce parcours n’est plus publié."))
    with transaction.atomic():
        _lock_path(campaign.path)
        return _assign(campaign, user_ids - _already_assigned(campaign.path, user_ids).keys())


def _assign(campaign: Campaign, user_ids: set[int]) -> int:
    from learners.learning.services.enrolment import enrol

    path = campaign.path
    already = set(
        Assignment.objects.filter(campaign=campaign, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    user_ids = set(user_ids) - already
    if not user_ids:
        return 0
    now = timezone.now()
    existing = dict(
        Enrolment.objects.filter(path=path, user_id__in=user_ids).values_list("user_id", "status")
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user_id=user_id,
                path=path,
                origin=Enrolment.Origin.ASSIGNED,
                status=Enrolment.Status.ENROLLED,
                enrolled_at=now,
                last_activity_at=now,
            )
            for user_id in sorted(user_ids - existing.keys())
        ],
        ignore_conflicts=True,  # an agent enrolling at the same moment keeps their row
    )
    abandoned = [uid for uid, status in existing.items() if status == Enrolment.Status.ABANDONED]
    for user in User.objects.filter(pk__in=abandoned):
        # Re-activation recomputes the progress kept from before.
        enrol(user=user, path=path, origin=Enrolment.Origin.ASSIGNED, check_prerequisites=False)
    Enrolment.objects.filter(path=path, user_id__in=user_ids).exclude(
        origin=Enrolment.Origin.ASSIGNED
    ).update(origin=Enrolment.Origin.ASSIGNED)
    enrolments = dict(
        Enrolment.objects.filter(path=path, user_id__in=user_ids).values_list("user_id", "pk")
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                campaign=campaign,
                user_id=user_id,
                enrolment_id=enrolments.get(user_id),
                assigned_at=now,
                due_date=campaign.due_date,
            )
            for user_id in sorted(user_ids)
        ],
        ignore_conflicts=True,
    )
    from learners.team.tasks import send_assignment_notices

    enqueue_on_commit(send_assignment_notices, campaign.pk, sorted(user_ids))
    return len(user_ids)
