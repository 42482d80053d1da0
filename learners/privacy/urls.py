"""URLs of "Mes données" (RGPD access, portability and erasure), before Wagtail's catch-all."""

from django.urls import path

from learners.privacy import views as personal_data

urlpatterns = [
    path("mon-espace/mes-donnees/", personal_data.personal_data, name="personal_data"),
    path(
        "mon-espace/mes-donnees.json", personal_data.personal_data_json, name="personal_data_json"
    ),
    path("mon-espace/mes-donnees.zip", personal_data.personal_data_zip, name="personal_data_zip"),
    path(
        "mon-espace/mes-donnees/effacement/",
        personal_data.personal_data_erasure,
        name="personal_data_erasure",
    ),
]
