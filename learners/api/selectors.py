"""What a client sees: the agents of its units and of every unit below them, and their records.

Each endpoint looks ids up through these querysets, so an id outside the client's units
answers 404, as on the managers' screens (learners.team.scope).
"""

from django.db.models import Q, QuerySet

from learners.accounts.models import OrgUnit, User
from learners.api.models import ApiClient
from learners.certification.models import Certificate
from learners.learning.models import Enrolment
from learners.team.models import Assignment, Campaign


def client_units(client: ApiClient) -> QuerySet[OrgUnit]:
    """The client's units and every unit below them (one query on the materialised paths, the
    roots read once per request)."""
    if not hasattr(client, "_campus_roots"):
        client._campus_roots = list(client.units.all())
    if not client._campus_roots:
        return OrgUnit.objects.none()
    return OrgUnit.objects.descendants_of(client._campus_roots)


def client_agents(client: ApiClient) -> QuerySet[User]:
    return User.objects.filter(org_unit__in=client_units(client))


def client_enrolments(client: ApiClient) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(user__org_unit__in=client_units(client))


def client_certificates(client: ApiClient) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user__org_unit__in=client_units(client))


def client_assignments(client: ApiClient) -> QuerySet[Assignment]:
    return Assignment.objects.filter(user__org_unit__in=client_units(client))


def client_campaigns(client: ApiClient) -> QuerySet[Campaign]:
    """Campaigns aimed at one of the client's units or assigning one of its agents."""
    units = client_units(client)
    return Campaign.objects.filter(
        Q(unit__in=units)
        | Q(pk__in=Assignment.objects.filter(user__org_unit__in=units).values("campaign_id"))
    )
