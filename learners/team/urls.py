"""URLs of the managers' pages ("Mon équipe"), included before Wagtail's catch-all."""

from django.urls import path, re_path

from learners.team.views import campaigns, org_import
from learners.team.views import reports as team

urlpatterns = [
    path("equipe/", team.team, name="team"),
    path("equipe/unites/<id:unit_id>/", team.team_unit, name="team_unit"),
    path("equipe/agents/<id:user_id>/", team.team_agent, name="team_agent"),
    re_path(
        r"^equipe/export/(?P<table>agents|parcours)\.(?P<fmt>csv|xlsx|ods)$",
        team.team_export,
        name="team_export",
    ),
    path("equipe/exports/<id:export_id>/", team.team_export_status, name="team_export_status"),
    path(
        "equipe/exports/<id:export_id>/telecharger/",
        team.team_export_download,
        name="team_export_download",
    ),
    path("equipe/campagnes/", campaigns.campaign_list, name="team_campaigns"),
    path("equipe/campagnes/nouvelle/", campaigns.campaign_new, name="team_campaign_new"),
    path("equipe/campagnes/<id:campaign_id>/", campaigns.campaign_detail, name="team_campaign"),
    path("equipe/import/", org_import.org_import, name="team_import"),
]
