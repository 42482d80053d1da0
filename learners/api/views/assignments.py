"""Assigning a mandatory training (scope `assignments:write`): the same service, rules and
e-mails as the managers' "Formations obligatoires" screen, within the client's units."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from courses.models import TrainingPathPage
from learners.api import selectors
from learners.api.serializers import (
    AssignmentRequestSerializer,
    AssignmentSerializer,
    CampaignSerializer,
)
from learners.api.views.base import CLIENT_ERRORS, ApiRetrieveView
from learners.api.views.records import AssignmentList, RecordsView, _assignments
from learners.privacy import audit
from learners.privacy.models import AuditEvent
from learners.team.services import assignments as service

WRITE = "assignments:write"


class AssignmentListCreate(AssignmentList):
    write_scope = WRITE

    @extend_schema(
        request=AssignmentRequestSerializer,
        responses={201: CampaignSerializer, **CLIENT_ERRORS},
        description=(
            "Assigne un parcours publié, avec une échéance, à des agents et/ou à une unité du "
            "client (campagne de formation obligatoire) ; chaque agent reçoit un courriel."
        ),
    )
    def post(self, request, *args, **kwargs):
        data = AssignmentRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        units = selectors.client_units(self.client)
        path = TrainingPathPage.objects.filter(pk=values["path"]).first()
        if path is None:
            raise ValidationError({"path": [_("Ce parcours n’existe pas.")]})
        unit = None
        if values["unit"] is not None:
            unit = units.filter(pk=values["unit"]).first()
            if unit is None:
                raise ValidationError({"unit": [_("Cette unité n’est pas dans votre périmètre.")]})
        agents = list(selectors.client_agents(self.client).filter(pk__in=values["agents"]))
        if len(agents) != len(set(values["agents"])):
            raise ValidationError(
                {"agents": [_("Certains agents ne font pas partie de votre périmètre.")]}
            )
        with transaction.atomic():
            campaign = service.create_campaign(
                path=path,
                created_by=None,
                due_date=values["due_date"],
                message=values["message"],
                unit=unit,
                users=agents,
                include_subunits=values["include_subunits"],
                title=values["title"],
                within_units=units,
            )
            audit.record(
                actor=None,
                label=f"Client de l’API « {self.client.name} »",
                action=AuditEvent.Action.ASSIGNMENT_CREATED,
                target=campaign,
                details={"path": path.pk, "due_date": values["due_date"]},
                request=request._request,
            )
        return Response(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)


class AssignmentDetail(RecordsView, ApiRetrieveView):
    serializer_class = AssignmentSerializer
    write_scope = WRITE

    def get_queryset(self):
        return _assignments(self.client)

    @extend_schema(responses={200: AssignmentSerializer, **CLIENT_ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        responses={204: OpenApiResponse(description="Assignation annulée."), **CLIENT_ERRORS},
        description=(
            "Annule l’assignation d’un agent (plus de relances) ; son inscription et sa "
            "progression restent. Une assignation terminée ne s’annule pas."
        ),
    )
    def delete(self, request, *args, **kwargs):
        assignment = self.get_object()
        service.cancel_assignment(
            assignment=assignment, within_units=selectors.client_units(self.client)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
