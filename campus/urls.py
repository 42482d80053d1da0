from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campus import views
from courses import routing
from courses import views as courses_views
from learners.accounts.proconnect import views as proconnect_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # The Wagtail admin signs in through the same allauth login as the rest of the campus.
    path(
        "cms/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # allauth's logout page ends the ProConnect session too (same view as the header's button).
    path("comptes/logout/", proconnect_views.account_logout),
    path("comptes/", include("allauth.urls")),
    path("comptes/proconnect/", include("learners.accounts.proconnect.urls")),
    path("", include("home.urls")),
    # The agent's learning space: enrolment, learning view, sessions, "Mon espace".
    path("", include("learners.learning.urls")),
    # Certificates: public verification, the agent's downloads, Open Badges 3.0.
    path("", include("learners.certification.urls")),
    # Managers' team reports, mandatory-training campaigns, organisation import ("Mon équipe").
    path("", include("learners.team.urls")),
    # "Mes données": the agent's RGPD export and erasure request.
    path("", include("learners.privacy.urls")),
    # Served by Wagtail; named so that the navigation can link to it.
    path("catalogue/", courses_views.catalogue, name="catalogue"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own URLs, its pages served through courses.routing.serve: Wagtail's view, with the
# route to a path page cached until the next publication (same pattern and name).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

handler403 = "home.views.permission_denied"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
