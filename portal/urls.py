from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("rencontres/<int:pk>/rapport/", views.assembly_report, name="assembly-report"),
]
