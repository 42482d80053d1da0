from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campus import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # The Wagtail admin signs in through the same allauth login as the rest of the campus.
    path(
        "cms/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("cms/", include(wagtailadmin_urls)),
    # The API for HR systems and partners (learners/api/, README "API").
    path("api/v1/", include("learners.api.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("home.urls")),
    # The agents' side: accounts, learning, sessions, certificates, team, personal data.
    path("", include("learners.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The published content, Wagtail's catch-all last.
urlpatterns += [path("", include("courses.urls"))]

handler403 = "home.views.permission_denied"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
