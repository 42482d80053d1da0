"""/api/v1/: the schema and its documentation, the token endpoint, the endpoints."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider.views import TokenView

from learners.api.views import assignments, organisation, public, records

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # The split view serves its start-up script as a file: the campus's CSP allows no inline
    # script without a nonce.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("oauth/token/", TokenView.as_view(), name="api_token"),
    path("catalogue/", public.CatalogueList.as_view(), name="api_catalogue"),
    path("catalogue/<id:id>/", public.CatalogueDetail.as_view(), name="api_catalogue_path"),
    path(
        "certificates/verify/",
        public.CertificateVerification.as_view(),
        name="api_certificate_verify",
    ),
    path("statistics/", public.StatisticsList.as_view(), name="api_statistics"),
    path("agents/", records.AgentList.as_view(), name="api_agents"),
    path("agents/<id:id>/", records.AgentDetail.as_view(), name="api_agent"),
    path("enrolments/", records.EnrolmentList.as_view(), name="api_enrolments"),
    path("enrolments/<id:id>/", records.EnrolmentDetail.as_view(), name="api_enrolment"),
    path("completions/", records.CompletionList.as_view(), name="api_completions"),
    path("certificates/", records.CertificateList.as_view(), name="api_certificates"),
    path("certificates/<id:id>/", records.CertificateDetail.as_view(), name="api_certificate"),
    path("campaigns/", records.CampaignList.as_view(), name="api_campaigns"),
    path("campaigns/<id:id>/", records.CampaignDetail.as_view(), name="api_campaign"),
    path("assignments/", assignments.AssignmentListCreate.as_view(), name="api_assignments"),
    path("assignments/<id:id>/", assignments.AssignmentDetail.as_view(), name="api_assignment"),
    path(
        "organisation/import/",
        organisation.OrganisationImport.as_view(),
        name="api_organisation_import",
    ),
]
