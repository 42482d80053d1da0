"""The filters of the team pages (GET parameters, so that a filtered page can be bookmarked,
shared and exported), resolved into a `TeamQuery` that every figure and export reads.

Parameters: `periode`, `unite`, `parcours`, `statut`, `tri`, `page`. A unit outside the
manager's scope is not a bad filter but a forbidden id: the views answer 404.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from courses.models import TrainingPathPage
from learners.accounts.models import OrgUnit, User
from learners.accounts.permissions import is_administrator
from learners.common.dates import add_months
from learners.learning.models import Enrolment
from learners.team import scope


class Period:
    ALL = ""
    DAYS_30 = "30j"
    MONTHS_3 = "3m"
    MONTHS_12 = "12m"
    YEAR = "annee"
    CHOICES = [
        (ALL, _("Depuis le début")),
        (DAYS_30, _("30 derniers jours")),
        (MONTHS_3, _("3 derniers mois")),
        (MONTHS_12, _("12 derniers mois")),
        (YEAR, _("Année en cours")),
    ]

    @staticmethod
    def start(value: str, today: datetime.date) -> datetime.date | None:
        """First day of the period ending today (None: no limit)."""
        if value == Period.DAYS_30:
            return today - datetime.timedelta(days=30)
        if value == Period.MONTHS_3:
            return months_before(today, 3)
        if value == Period.MONTHS_12:
            return months_before(today, 12)
        if value == Period.YEAR:
            return today.replace(month=1, day=1)
        return None


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier, or that month's last day."""
    return add_months(day, -months)


class AgentStatus:
    """The agents table's status filter."""

    ONGOING = "en_cours"
    NOT_STARTED = "inscrit"
    COMPLETED = "termine"
    ABANDONED = "abandonne"
    OVERDUE = "en_retard"
    NOT_ENROLLED = "sans_inscription"
    CHOICES = [
        ("", _("Tous les agents")),
        (ONGOING, _("Avec un parcours en cours (commencé ou non)")),
        (NOT_STARTED, _("Avec un parcours non commencé")),
        (COMPLETED, _("Avec un parcours terminé")),
        (ABANDONED, _("Avec un parcours abandonné")),
        (OVERDUE, _("En retard sur une formation obligatoire")),
        (NOT_ENROLLED, _("Sans inscription")),
    ]


SORTS = {
    "nom": ("last_name", "first_name", "pk"),
    "unite": ("org_unit__name", "last_name", "first_name", "pk"),
    "en_cours": ("ongoing_count", "last_name", "first_name", "pk"),
    "termines": ("completed_count", "last_name", "first_name", "pk"),
    "retard": ("overdue_count", "last_name", "first_name", "pk"),
    "activite": ("last_activity_at", "last_name", "first_name", "pk"),
}
SORT_CHOICES = [(key, key) for key in SORTS] + [(f"-{key}", f"-{key}") for key in SORTS]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        # Non-breaking spaces survive in <option> text: the hierarchy stays visible.
        return "\u00a0\u00a0\u00a0" * (unit.depth - 1) + unit.name


class PathChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, path):
        return path.title if path.live else _("%(title)s (dépublié)") % {"title": path.title}


def report_paths() -> QuerySet[TrainingPathPage]:
    """Paths a report may be about: published ones, and retired ones that still have history."""
    with_history = Enrolment.objects.values("path_id")
    return TrainingPathPage.objects.filter(Q(live=True) | Q(pk__in=with_history)).order_by(
        "title", "pk"
    )


class CampusForm(DsfrBaseForm):
    """A DSFR form that follows the project's DSFR_MARK_OPTIONAL_FIELDS setting without
    django-dsfr's transitional warning at every render."""

    def get_context(self) -> dict:
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = getattr(settings, "DSFR_MARK_OPTIONAL_FIELDS", False)
        return context


class TeamFilterForm(CampusForm):
    periode = forms.ChoiceField(label=_("Période"), choices=Period.CHOICES, required=False)
    unite = UnitChoiceField(
        label=_("Unité"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Toutes mes unités"),
    )
    parcours = PathChoiceField(
        label=_("Parcours"),
        queryset=TrainingPathPage.objects.none(),
        required=False,
        empty_label=_("Tous les parcours"),
    )
    statut = forms.ChoiceField(label=_("Statut"), choices=AgentStatus.CHOICES, required=False)
    tri = forms.ChoiceField(choices=SORT_CHOICES, required=False)

    def __init__(self, *args, units: QuerySet[OrgUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unite"].queryset = units
        self.fields["parcours"].queryset = report_paths()


@dataclass
class TeamQuery:
    """What the team pages show: whose figures (`units`, None = everyone, for administrators),
    over which period, for which path; `status` and `sort` apply to the agents table only."""

    user: User
    units: QuerySet[OrgUnit] | None
    focus: OrgUnit | None = None
    since: datetime.date | None = None
    path: TrainingPathPage | None = None
    status: str = ""
    sort: str = "nom"
    period: str = ""
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def since_datetime(self) -> datetime.datetime | None:
        if self.since is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.since, datetime.time.min))

    def agents(self) -> QuerySet[User]:
        agents = User.objects.filter(is_active=True)
        if self.units is not None:
            agents = agents.filter(org_unit__in=self.units)
        return agents

    def enrolments(self) -> QuerySet[Enrolment]:
        """Enrolments of the agents (every status), in the chosen path."""
        enrolments = Enrolment.objects.filter(user__is_active=True)
        if self.units is not None:
            enrolments = enrolments.filter(user__org_unit__in=self.units)
        if self.path is not None:
            enrolments = enrolments.filter(path=self.path)
        return enrolments

    def params(self) -> dict[str, str]:
        """The filters as GET parameters (exports, pagination, sort links)."""
        values = {
            "periode": self.period,
            "unite": str(self.focus.pk) if self.focus else "",
            "parcours": str(self.path.pk) if self.path else "",
            "statut": self.status,
            "tri": self.sort if self.sort != "nom" else "",
        }
        return {key: value for key, value in values.items() if value}


class OutOfScope(Exception):
    """A unit id the manager may not see (→ 404)."""


def resolve(user, data, *, unit: OrgUnit | None = None) -> tuple[TeamFilterForm, TeamQuery]:
    """The filter form bound to `data` (GET parameters) and the query it describes.

    `unit` is the unit of a drill-down page (already checked to be in scope); the form's unit
    filter narrows it further. Raises `OutOfScope` for a unit or path id that is not offered.
    """
    scope_units = scope.team_scope(user)
    offered = scope_units if unit is None else scope_units.filter(path__startswith=unit.path)
    form = TeamFilterForm(data, units=offered)
    form.is_valid()
    if "unite" in form.errors or "parcours" in form.errors:
        raise OutOfScope()
    cleaned = {name: form.cleaned_data.get(name) for name in form.fields}
    focus = cleaned["unite"] or unit
    today = timezone.localdate()
    period = cleaned["periode"] or ""
    if focus is not None:
        units = OrgUnit.objects.filter(path__startswith=focus.path)
    elif is_administrator(user):
        units = None
    else:
        units = scope_units
    query = TeamQuery(
        user=user,
        units=units,
        focus=focus,
        since=Period.start(period, today),
        path=cleaned["parcours"],
        status=cleaned["statut"] or "",
        sort=cleaned["tri"] or "nom",
        period=period,
        today=today,
    )
    return form, query
