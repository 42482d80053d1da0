"""ProConnect URLs, mounted under /comptes/proconnect/ (register callback/ at ProConnect)."""

from django.urls import path

from learners.accounts.proconnect import views

urlpatterns = [
    path("login/", views.login, name="proconnect_login"),
    path("callback/", views.callback, name="proconnect_callback"),
    path("logout/", views.logout, name="proconnect_logout"),
    path("relier/", views.link, name="proconnect_link"),
]
