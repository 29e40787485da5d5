from django.urls import path

from chantiers import views

app_name = "chantiers"

urlpatterns = [
    path("", views.ChantierListView.as_view(), name="chantier-list"),
    path("<slug:slug>/", views.ChantierDetailView.as_view(), name="chantier-detail"),
]
