from django.conf import settings
from django.urls import path
from django.utils.translation import gettext_lazy as _

from home.views import SitePageView

urlpatterns = [
    path(
        "accessibilite/",
        SitePageView.as_view(
            template_name="home/accessibility.html", title=_("Déclaration d’accessibilité")
        ),
        name="accessibility",
    ),
    path(
        "mentions-legales/",
        SitePageView.as_view(template_name="home/legal_notice.html", title=_("Mentions légales")),
        name="legal_notice",
    ),
    path(
        "donnees-personnelles/",
        SitePageView.as_view(
            template_name="home/privacy.html",
            title=_("Données personnelles"),
            extra_context={"inactive_years": settings.RGPD_INACTIVE_YEARS},
        ),
        name="privacy",
    ),
    path(
        "plan-du-site/",
        SitePageView.as_view(template_name="home/sitemap.html", title=_("Plan du site")),
        name="sitemap",
    ),
]
