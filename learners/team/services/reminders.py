"""Daily reminders (`manage.py send_reminders`, or the task
`learners.team.jobs.send_daily_reminders`):

- agents whose mandatory training is due within `REMINDER_DAYS_BEFORE_DUE` days;
- agents whose due date has passed (from the day after), once;
- each manager, in one digest, when agents of their scope became late since their last digest;
- agents whose certificate expires within `CERTIFICATE_EXPIRY_REMINDER_DAYS` days.

Each e-mail is recorded under a unique key (`learners.common.notifications.deliver_once`), so
running the command twice — or on a day after a missed one — sends nothing twice:
`assignment_due_soon:<assignment id>`, `assignment_overdue:<assignment id>`,
`manager_digest:<manager id>:<date>`, `certificate_expiring:<certificate id>`.
"""

import datetime
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from learners.accounts.models import User
from learners.certification.selectors import expiring_between
from learners.common.links import absolute_url, page_url
from learners.common.models import SentNotification
from learners.common.notifications import deliver_once
from learners.team.models import Assignment

logger = logging.getLogger(__name__)


@dataclass
class ReminderReport:
    due_soon: int = 0
    overdue: int = 0
    digests: int = 0
    certificates: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _already_sent(keys: list[str]) -> set[str]:
    return set(SentNotification.objects.filter(key__in=keys).values_list("key", flat=True))


def _open_assignments():
    return (
        Assignment.objects.not_completed()
        .filter(user__is_active=True)
        .select_related("user__org_unit", "campaign__path", "enrolment")
    )


def _one_per_agent_and_path(assignments) -> list[Assignment]:
    """The earliest-due open assignment of each agent and path: an agent assigned the same
    path twice (campaigns made before duplicates were refused) gets one series of reminders."""
    kept: dict[tuple[int, int], Assignment] = {}
    for assignment in sorted(assignments, key=lambda a: (a.due_date, a.pk)):
        kept.setdefault((assignment.user_id, assignment.campaign.path_id), assignment)
    return sorted(kept.values(), key=lambda a: (a.due_date, a.pk))


def _progress(assignment) -> int:
    return assignment.enrolment.progress_percent if assignment.enrolment else 0


def send_reminders(*, today: datetime.date | None = None) -> ReminderReport:
    """Send the day's reminders; idempotent (see the module docstring)."""
    today = today or timezone.localdate()
    report = ReminderReport()
    urls: dict[int, str] = {}

    def url_of(path):
        if path.pk not in urls:
            urls[path.pk] = page_url(path)
        return urls[path.pk]

    def remind(assignments, kind: str, **extra) -> int:
        """E-mail each agent of `assignments` once about it (kind: the template and key)."""
        keys = {a.pk: f"{kind}:{a.pk}" for a in assignments}
        sent = _already_sent(list(keys.values()))
        count = 0
        for assignment in assignments:
            if keys[assignment.pk] in sent:
                continue
            path = assignment.campaign.path
            count += deliver_once(
                kind=kind,
                key=keys[assignment.pk],
                user=assignment.user,
                template=f"team/{kind}",
                context={
                    "assignment": assignment,
                    "path": path,
                    "path_url": url_of(path),
                    "progress": _progress(assignment),
                    **{name: value(assignment) for name, value in extra.items()},
                },
            )
        return count

    # Due soon.
    horizon = today + datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE_DUE)
    late = _one_per_agent_and_path(_open_assignments().filter(due_date__lt=today))
    late_keys = {(a.user_id, a.campaign.path_id) for a in late}
    due_soon = [
        assignment
        for assignment in _one_per_agent_and_path(
            _open_assignments().filter(due_date__gte=today, due_date__lte=horizon)
        )
        if (assignment.user_id, assignment.campaign.path_id) not in late_keys
    ]
    report.due_soon = remind(
        due_soon, "assignment_due_soon", days_left=lambda a: (a.due_date - today).days
    )

    # Overdue: the agents, then their managers.
    report.overdue = remind(late, "assignment_overdue")
    report.digests = _send_digests(late, today)
    report.certificates = _send_certificate_reminders(today, url_of)
    logger.info("Reminders sent: %s", report.as_dict())
    return report


def _last_digest_days() -> dict[int, datetime.date]:
    """{manager id: day of their last digest}, read from the digests' keys."""
    last: dict[int, datetime.date] = {}
    for key in SentNotification.objects.filter(kind="manager_digest").values_list("key", flat=True):
        _kind, manager_id, day = key.split(":")
        day = datetime.date.fromisoformat(day)
        manager_id = int(manager_id)
        if manager_id not in last or day > last[manager_id]:
            last[manager_id] = day
    return last


def _send_digests(late: list[Assignment], today: datetime.date) -> int:
    """One e-mail per manager listing the late agents of their scope, sent when one of them
    became late since the manager's previous digest."""
    if not late:
        return 0
    managers = (
        User.objects.filter(is_active=True, managed_units__isnull=False)
        .distinct()
        .prefetch_related("managed_units")
    )
    last_digest = _last_digest_days()
    team_url = absolute_url(reverse("team"))
    sent = 0
    for manager in managers:
        prefixes = [unit.path for unit in manager.managed_units.all()]
        theirs = [
            assignment
            for assignment in late
            if assignment.user.org_unit is not None
            and assignment.user_id != manager.pk
            and assignment.user.org_unit.path.startswith(tuple(prefixes))
        ]
        previous = last_digest.get(manager.pk)
        # An assignment becomes late the day after its due date.
        new = [a for a in theirs if previous is None or a.due_date >= previous]
        if not new:
            continue
        for assignment in theirs:
            assignment.newly_late = assignment in new
            assignment.progress = _progress(assignment)
        sent += deliver_once(
            kind="manager_digest",
            key=f"manager_digest:{manager.pk}:{today.isoformat()}",
            user=manager,
            template="team/manager_digest",
            context={
                "late": theirs,
                # Their own late training is in their own reminders, not in this count (Mon
                # équipe's figures include it: the digest says so).
                "own_late": sum(1 for a in late if a.user_id == manager.pk),
                "today": today,
                "team_url": team_url,
            },
        )
    return sent


def _send_certificate_reminders(today: datetime.date, url_of) -> int:
    horizon = today + datetime.timedelta(days=settings.CERTIFICATE_EXPIRY_REMINDER_DAYS)
    certificates = expiring_between(today, horizon)
    sent_keys = _already_sent([f"certificate_expiring:{c.pk}" for c in certificates])
    sent = 0
    for certificate in certificates:
        key = f"certificate_expiring:{certificate.pk}"
        if key in sent_keys:
            continue
        expires_on = timezone.localtime(certificate.expires_at).date()
        sent += deliver_once(
            kind="certificate_expiring",
            key=key,
            user=certificate.user,
            template="certification/certificate_expiring",
            context={
                "certificate": certificate,
                "path": certificate.path,
                "path_url": url_of(certificate.path),
                "dashboard_url": absolute_url(reverse("dashboard")),
                "expires_on": expires_on,
                "days_left": (expires_on - today).days,
            },
        )
    return sent
