"""URLs of the accounts: Mon profil, allauth's pages (sign-in, sign-up, e-mail, MFA) and
ProConnect."""

from django.urls import include, path

from learners.accounts import views
from learners.accounts.proconnect import views as proconnect_views

urlpatterns = [
    path("comptes/profil/", views.profile, name="account_profile"),
    # allauth's logout page ends the ProConnect session too (same view as the header's button).
    path("comptes/logout/", proconnect_views.account_logout),
    path("comptes/", include("allauth.urls")),
    path("comptes/proconnect/", include("learners.accounts.proconnect.urls")),
]
