"""Public endpoints, no token needed: the catalogue (as the site's catalogue page filters and
searches it) and the verification of a certificate by its code (rate-limited like the page).
A client's token, when sent, counts its calls against the client's rate instead of the IP's."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.response import Response
from rest_framework.views import APIView

from courses import catalogue, search
from courses.models import CatalogPage, Theme, TrainingPathPage, TrainingSession
from learners.api.serializers import (
    CatalogueQuerySerializer,
    PathSerializer,
    PublicCertificateSerializer,
    StatisticsRowSerializer,
    VerifyQuerySerializer,
)
from learners.api.views.base import ERROR, ERRORS, ApiListView, ApiRetrieveView, AuditedMixin
from learners.certification import ratelimit
from learners.certification.models import Certificate
from learners.stats import open_data

SESSIONS_PER_PATH = 3
NOT_FOUND = {404: OpenApiResponse(ERROR, description="Introuvable.")}


def _catalogue_paths(values: dict):
    """The live, public paths the site's catalogue shows for these filters and search."""
    page = CatalogPage.objects.live().public().first()
    if page is None:
        return TrainingPathPage.objects.none()
    themes = list(Theme.objects.all())
    form = catalogue.CatalogueFilterForm(values, themes=themes)
    filters = form.values()
    query = filters.pop("q", "").strip()
    paths = catalogue.filtered_paths(page, filters, form.themes)
    if query:
        words = search.words_query(query)
        found = [path.pk for path in paths.search(words)] if words is not None else []
        paths = TrainingPathPage.objects.filter(pk__in=found)
    return paths


def _attach_next_sessions(paths) -> None:
    """The coming sessions of a page of paths, in one query."""
    if not paths:
        return
    condition = None
    for path in paths:
        clause = {"course__path__startswith": path.path}
        condition = Q(**clause) if condition is None else condition | Q(**clause)
    sessions = (
        TrainingSession.objects.filter(condition, course__live=True, start__gt=timezone.now())
        .select_related("course")
        .only("start", "end", "location", "course__path")
        .order_by("start", "pk")
    )
    by_path = {path.path: path for path in paths}
    for path in paths:
        path.api_next_sessions = []
    steplen = TrainingPathPage.steplen
    for session in sessions:
        for depth_end in range(steplen, len(session.course.path), steplen):
            path = by_path.get(session.course.path[:depth_end])
            if path is not None and len(path.api_next_sessions) < SESSIONS_PER_PATH:
                path.api_next_sessions.append(session)


@extend_schema_view(
    get=extend_schema(
        parameters=[CatalogueQuerySerializer], responses={200: PathSerializer, **ERRORS}, auth=[]
    )
)
class CatalogueList(ApiListView):
    """The catalogue's paths: filters (theme, level, format, duration, language) and full-text
    search `q` as on the site's catalogue page."""

    serializer_class = PathSerializer

    def get_queryset(self):
        values = self.query(CatalogueQuerySerializer)
        return (
            _catalogue_paths(values)
            .live()
            .public()
            .select_related("theme")
            .prefetch_related("skills")
            .defer_streamfields()
            .defer("search_text")
        )

    def paginate_queryset(self, queryset):
        paths = super().paginate_queryset(queryset)
        _attach_next_sessions(paths)
        return paths


@extend_schema_view(
    get=extend_schema(responses={200: PathSerializer, **ERRORS, **NOT_FOUND}, auth=[])
)
class CatalogueDetail(ApiRetrieveView):
    serializer_class = PathSerializer

    def get_queryset(self):
        return _catalogue_paths({}).select_related("theme").prefetch_related("skills")

    def get_object(self):
        path = super().get_object()
        _attach_next_sessions([path])
        return path


@extend_schema_view(
    get=extend_schema(
        parameters=[VerifyQuerySerializer],
        responses={200: PublicCertificateSerializer, **ERRORS, **NOT_FOUND},
        auth=[],
    )
)
class CertificateVerification(ApiRetrieveView):
    """A certificate by the code printed on it: valid, expired or revoked (what the public
    verification page shows). Lookups are limited per IP like the page's."""

    serializer_class = PublicCertificateSerializer

    def get_object(self):
        code = self.query(VerifyQuerySerializer)["code"].strip()
        if not ratelimit.consume_lookup(self.request._request):
            raise Throttled(detail=_("Trop de vérifications : réessayez dans quelques minutes."))
        certificate = Certificate.objects.by_code(code)
        if certificate is None:
            raise NotFound(_("Aucun certificat ne correspond à ce code."))
        return certificate


class StatisticsList(AuditedMixin, APIView):
    """Open statistics: enrolments, completed paths and certificates per month, over the campus,
    per theme, per path and per ministry; a figure from fewer than 5 agents is null. The same
    rows as the CSV of /statistiques/ (described by its Table Schema)."""

    @extend_schema(responses={200: StatisticsRowSerializer(many=True), **ERRORS}, auth=[])
    def get(self, request):
        return Response(StatisticsRowSerializer(open_data.cached_statistics(), many=True).data)
