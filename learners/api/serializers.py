"""What the API says of each object (read) and what it accepts (assignments)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from courses.choices import DurationBand, Format, Language, Level
from learners.accounts.models import OrgUnit, User
from learners.certification.models import Certificate
from learners.learning.models import Enrolment
from learners.team.models import Assignment, Campaign


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


class ThemeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SessionSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    location = serializers.CharField()


class PathSerializer(serializers.Serializer):
    """A training path of the catalogue (`TrainingPathPage`)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    summary = serializers.CharField()
    theme = ThemeSerializer(allow_null=True)
    level = serializers.ChoiceField(choices=Level.choices)
    format = serializers.ChoiceField(choices=Format.choices)
    language = serializers.ChoiceField(choices=Language.choices)
    duration_minutes = serializers.IntegerField(source="estimated_duration_minutes")
    skills = serializers.SerializerMethodField()
    next_sessions = serializers.SerializerMethodField()

    def get_url(self, path) -> str:
        return absolute(path.url or "")

    def get_skills(self, path) -> list[str]:
        return [skill.name for skill in path.skills.all()]

    @extend_schema_field(SessionSerializer(many=True))
    def get_next_sessions(self, path):
        return SessionSerializer(getattr(path, "api_next_sessions", []), many=True).data


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind"]


class AgentSerializer(serializers.ModelSerializer):
    unit = UnitSerializer(source="org_unit", allow_null=True)

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "is_active", "unit"]


class EnrolmentSerializer(serializers.ModelSerializer):
    agent = serializers.IntegerField(source="user_id")
    agent_email = serializers.EmailField(source="user.email")
    path = serializers.IntegerField(source="path_id")
    path_title = serializers.CharField(source="path.title")
    # Declared, not derived from the columns, whose ranges differ between SQLite and PostgreSQL
    # (the committed schema is the same on both).
    progress_percent = serializers.IntegerField(min_value=0, max_value=100)
    completed_minutes = serializers.IntegerField(min_value=0)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "agent",
            "agent_email",
            "path",
            "path_title",
            "status",
            "origin",
            "progress_percent",
            "completed_minutes",
            "enrolled_at",
            "started_at",
            "completed_at",
            "abandoned_at",
            "updated_at",
        ]


# The enrolments lists read plain rows (`values()`) and write them with `enrolment_records`
# rather than through EnrolmentSerializer object by object: the same JSON (a test compares them),
# several times faster for a page of 500 (bench/api.py, docs/performance.md).
ENROLMENT_COLUMNS = (
    "id",
    "user_id",
    "user__email",
    "path_id",
    "path__title",
    "status",
    "origin",
    "progress_percent",
    "completed_minutes",
    "enrolled_at",
    "started_at",
    "completed_at",
    "abandoned_at",
    "updated_at",
)


def _moment(value: datetime.datetime | None, zone) -> str | None:
    """As DRF's DateTimeField writes it: in the current time zone, ISO 8601, "Z" for UTC."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def enrolment_records(rows: list[dict]) -> list[dict]:
    """What EnrolmentSerializer(many=True) says of `rows`, read with `ENROLMENT_COLUMNS`."""
    zone = timezone.get_current_timezone()
    records = []
    for row in rows:
        records.append(
            {
                "id": row["id"],
                "agent": row["user_id"],
                "agent_email": str(row["user__email"]),
                "path": row["path_id"],
                "path_title": str(row["path__title"]),
                "status": row["status"],
                "origin": row["origin"],
                "progress_percent": int(row["progress_percent"]),
                "completed_minutes": int(row["completed_minutes"]),
                "enrolled_at": _moment(row["enrolled_at"], zone),
                "started_at": _moment(row["started_at"], zone),
                "completed_at": _moment(row["completed_at"], zone),
                "abandoned_at": _moment(row["abandoned_at"], zone),
                "updated_at": _moment(row["updated_at"], zone),
            }
        )
    return records


class CertificateSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="display_code")
    agent = serializers.IntegerField(source="user_id", allow_null=True)
    path = serializers.IntegerField(source="path_id", allow_null=True)
    status = serializers.ChoiceField(choices=Certificate.Status.choices)
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "code",
            "agent",
            "path",
            "path_title",
            "holder_name",
            "issued_at",
            "expires_at",
            "revoked_at",
            "status",
            "verification_url",
        ]

    def get_verification_url(self, certificate) -> str:
        return absolute(reverse("certificate_verify_detail", args=[certificate.public_id]))


class PublicCertificateSerializer(CertificateSerializer):
    """What the public verification page shows, no more."""

    class Meta(CertificateSerializer.Meta):
        fields = [
            "code",
            "path_title",
            "holder_name",
            "issued_at",
            "expires_at",
            "status",
            "verification_url",
        ]


class CampaignSerializer(serializers.ModelSerializer):
    path = serializers.IntegerField(source="path_id")
    unit = serializers.IntegerField(source="unit_id", allow_null=True)

    class Meta:
        model = Campaign
        fields = ["id", "title", "path", "due_date", "message", "unit", "include_subunits"]


class AssignmentSerializer(serializers.ModelSerializer):
    campaign = serializers.IntegerField(source="campaign_id")
    agent = serializers.IntegerField(source="user_id")
    path = serializers.IntegerField(source="campaign.path_id")
    enrolment = serializers.IntegerField(source="enrolment_id", allow_null=True)
    completed = serializers.BooleanField(source="is_completed")

    class Meta:
        model = Assignment
        fields = [
            "id",
            "campaign",
            "agent",
            "path",
            "enrolment",
            "assigned_at",
            "due_date",
            "completed",
        ]


class AssignmentRequestSerializer(serializers.Serializer):
    """A mandatory training to assign: a path, a due date, agents and/or a unit."""

    path = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    due_date = serializers.DateField()
    agents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        default=list,
        max_length=5000,
    )
    unit = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True, default=None
    )
    include_subunits = serializers.BooleanField(required=False, default=True)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)

    def validate_due_date(self, value: datetime.date) -> datetime.date:
        if value.year > 9000:
            raise serializers.ValidationError(_("Date trop lointaine."))
        return value

    def validate(self, attrs):
        if not attrs["agents"] and attrs["unit"] is None:
            raise serializers.ValidationError({"agents": [_("Indiquez des agents ou une unité.")]})
        return attrs


class RecordsQuerySerializer(serializers.Serializer):
    """Filters of the records lists."""

    updated_since = serializers.DateTimeField(required=False)
    status = serializers.ChoiceField(choices=Enrolment.Status.choices, required=False)
    agent = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    path = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class CatalogueQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    theme = serializers.CharField(required=False, allow_blank=True, max_length=100)
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    format = serializers.ChoiceField(choices=Format.choices, required=False)
    duration = serializers.ChoiceField(choices=DurationBand.choices, required=False)
    language = serializers.ChoiceField(choices=Language.choices, required=False)


class VerifyQuerySerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class StatisticsRowSerializer(serializers.Serializer):
    """One row of the open statistics (a figure from fewer than 5 agents is null)."""

    mois = serializers.RegexField(r"^\d{4}-\d{2}$")
    dimension = serializers.ChoiceField(choices=["ensemble", "thematique", "parcours", "ministere"])
    valeur = serializers.CharField(allow_blank=True)
    inscriptions = serializers.IntegerField(allow_null=True, min_value=0)
    parcours_termines = serializers.IntegerField(allow_null=True, min_value=0)
    certificats = serializers.IntegerField(allow_null=True, min_value=0)
