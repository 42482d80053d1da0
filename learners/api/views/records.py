"""Records of the client's agents (scope `records:read`): agents, enrolments and completions,
certificates, campaigns and assignments. Lists are in pages of keyset pagination; enrolments and
completions in order of change, for incremental synchronisation with `updated_since`."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from learners.api import selectors
from learners.api.permissions import api_client
from learners.api.serializers import (
    ENROLMENT_COLUMNS,
    AgentSerializer,
    AssignmentSerializer,
    CampaignSerializer,
    CertificateSerializer,
    EnrolmentSerializer,
    RecordsQuerySerializer,
    enrolment_records,
)
from learners.api.views.base import CLIENT_ERRORS, ApiListView, ApiRetrieveView, ByUpdate
from learners.learning.models import Enrolment

READ = "records:read"

RECORDS_FILTERS = [
    OpenApiParameter(
        "updated_since",
        OpenApiTypes.DATETIME,
        description="Seulement ce qui a changé depuis cette date (ISO 8601), comprise.",
    ),
    OpenApiParameter(
        "status", str, enum=Enrolment.Status.values, description="Statut de l’inscription."
    ),
    OpenApiParameter("agent", int, description="Id d’un agent."),
    OpenApiParameter("path", int, description="Id d’un parcours."),
]


def _filter_records(queryset, filters: dict, *, agent_field="user_id", date_field="updated_at"):
    if "updated_since" in filters:
        queryset = queryset.filter(**{f"{date_field}__gte": filters["updated_since"]})
    if "status" in filters:
        queryset = queryset.filter(status=filters["status"])
    if "agent" in filters:
        queryset = queryset.filter(**{agent_field: filters["agent"]})
    if "path" in filters:
        queryset = queryset.filter(path_id=filters["path"])
    return queryset


class RecordsView:
    required_scope = READ

    @property
    def client(self):
        return api_client(self.request)


@extend_schema_view(get=extend_schema(responses={200: AgentSerializer, **CLIENT_ERRORS}))
class AgentList(RecordsView, ApiListView):
    """Agents of the client's units (and below), with their unit."""

    serializer_class = AgentSerializer

    def get_queryset(self):
        return selectors.client_agents(self.client).select_related("org_unit")


@extend_schema_view(get=extend_schema(responses={200: AgentSerializer, **CLIENT_ERRORS}))
class AgentDetail(RecordsView, ApiRetrieveView):
    serializer_class = AgentSerializer

    def get_queryset(self):
        return selectors.client_agents(self.client).select_related("org_unit")


def _enrolments(client):
    return selectors.client_enrolments(client).select_related("user", "path")


@extend_schema_view(
    get=extend_schema(
        parameters=RECORDS_FILTERS, responses={200: EnrolmentSerializer, **CLIENT_ERRORS}
    )
)
class EnrolmentList(RecordsView, ApiListView):
    """Enrolments (status, progress, completed minutes, dates), oldest change first: keep the
    `updated_at` of the last one and ask with `updated_since` next time."""

    serializer_class = EnrolmentSerializer
    pagination_class = ByUpdate

    def get_queryset(self):
        return _filter_records(_enrolments(self.client), self.query(RecordsQuerySerializer))

    def list(self, request, *args, **kwargs):
        # Plain rows, no model instances: the serializer describes the schema, and
        # `enrolment_records` writes the same JSON faster.
        rows = self.paginate_queryset(self.get_queryset().values(*ENROLMENT_COLUMNS))
        return self.get_paginated_response(enrolment_records(rows))


@extend_schema_view(
    get=extend_schema(
        parameters=RECORDS_FILTERS, responses={200: EnrolmentSerializer, **CLIENT_ERRORS}
    )
)
class CompletionList(EnrolmentList):
    """Completed paths only (enrolments with the status "termine"), oldest change first."""

    def get_queryset(self):
        return super().get_queryset().filter(status=Enrolment.Status.COMPLETED)


@extend_schema_view(get=extend_schema(responses={200: EnrolmentSerializer, **CLIENT_ERRORS}))
class EnrolmentDetail(RecordsView, ApiRetrieveView):
    serializer_class = EnrolmentSerializer

    def get_queryset(self):
        return _enrolments(self.client)


@extend_schema_view(
    get=extend_schema(
        parameters=RECORDS_FILTERS[2:], responses={200: CertificateSerializer, **CLIENT_ERRORS}
    )
)
class CertificateList(RecordsView, ApiListView):
    """Certificates of the client's agents (code, path, dates, status, verification URL)."""

    serializer_class = CertificateSerializer

    def get_queryset(self):
        filters = self.query(RecordsQuerySerializer)
        filters.pop("status", None)
        filters.pop("updated_since", None)
        return _filter_records(selectors.client_certificates(self.client), filters)


@extend_schema_view(get=extend_schema(responses={200: CertificateSerializer, **CLIENT_ERRORS}))
class CertificateDetail(RecordsView, ApiRetrieveView):
    serializer_class = CertificateSerializer

    def get_queryset(self):
        return selectors.client_certificates(self.client)


@extend_schema_view(get=extend_schema(responses={200: CampaignSerializer, **CLIENT_ERRORS}))
class CampaignList(RecordsView, ApiListView):
    """Mandatory-training campaigns aimed at the client's units or assigning its agents."""

    serializer_class = CampaignSerializer

    def get_queryset(self):
        return selectors.client_campaigns(self.client)


@extend_schema_view(get=extend_schema(responses={200: CampaignSerializer, **CLIENT_ERRORS}))
class CampaignDetail(RecordsView, ApiRetrieveView):
    serializer_class = CampaignSerializer

    def get_queryset(self):
        return selectors.client_campaigns(self.client)


def _assignments(client):
    return selectors.client_assignments(client).select_related("campaign", "enrolment")


@extend_schema_view(
    get=extend_schema(
        parameters=RECORDS_FILTERS[2:3], responses={200: AssignmentSerializer, **CLIENT_ERRORS}
    )
)
class AssignmentList(RecordsView, ApiListView):
    """Assignments of the client's agents (one per agent and campaign), with their due date."""

    serializer_class = AssignmentSerializer

    def get_queryset(self):
        filters = self.query(RecordsQuerySerializer)
        queryset = _assignments(self.client)
        if "agent" in filters:
            queryset = queryset.filter(user_id=filters["agent"])
        if "path" in filters:
            queryset = queryset.filter(campaign__path_id=filters["path"])
        return queryset
