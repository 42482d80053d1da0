"""The organisation import (scope `org:write`): the screen's all-or-nothing service, its
line-by-line report as JSON, within the client's units."""

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from learners.api import selectors
from learners.api.permissions import api_client
from learners.api.views.base import CLIENT_ERRORS, AuditedMixin
from learners.team.services.org_import import import_organisation


class OrganisationImportRequest(serializers.Serializer):
    file = serializers.FileField(help_text="Le fichier CSV de l’organisation (format de l’écran).")
    dry_run = serializers.BooleanField(
        default=True, help_text="Vérifier seulement (par défaut), ou appliquer si tout est bon."
    )


class LineErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    message = serializers.CharField()


class LineChangeSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    subject = serializers.CharField()
    action = serializers.CharField()
    details = serializers.ListField(child=serializers.CharField())


class OrganisationImportReport(serializers.Serializer):
    lines = serializers.IntegerField()
    applied = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    units_created = serializers.IntegerField()
    units_updated = serializers.IntegerField()
    users_created = serializers.IntegerField()
    users_updated = serializers.IntegerField()
    users_unchanged = serializers.IntegerField()
    errors = LineErrorSerializer(many=True)
    changes = LineChangeSerializer(many=True)


class OrganisationImport(AuditedMixin, APIView):
    """Import units and agents from the HR file: checked line by line, applied all or nothing
    (nothing at all when a line is wrong or outside the client's units)."""

    required_scope = "org:write"
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": OrganisationImportRequest},
        responses={200: OrganisationImportReport, **CLIENT_ERRORS},
    )
    def post(self, request):
        data = OrganisationImportRequest(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        report = import_organisation(
            file=upload.read(),
            dry_run=data.validated_data["dry_run"],
            imported_by=None,
            file_name=upload.name or "",
            within_units=selectors.client_units(api_client(request)),
        )
        body = asdict(report)
        body.pop("record", None)
        return Response(OrganisationImportReport(body).data, status=status.HTTP_200_OK)
