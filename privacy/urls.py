from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.policy, name="policy"),
    path("mes-renseignements/", views.my_data, name="my-data"),
    path("mes-renseignements.json", views.my_data_json, name="my-data-json"),
    path("journal-des-acces/", views.access_log, name="access-log"),
    path(
        "personnes/<int:pk>/renseignements.json",
        views.person_data_json,
        name="person-data-json",
    ),
    path("personnes/<int:pk>/anonymiser/", views.person_anonymise, name="person-anonymise"),
]
