"""Open statistics: the public page, the CSV and its Table Schema."""

from django.urls import path

from learners.stats import views

urlpatterns = [
    path("statistiques/", views.open_statistics, name="open_statistics"),
    path(
        "statistiques/statistiques-campus.csv",
        views.open_statistics_csv,
        name="open_statistics_csv",
    ),
    path("statistiques/schema.json", views.open_statistics_schema, name="open_statistics_schema"),
]
