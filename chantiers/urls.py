from django.urls import path

from chantiers.views import agenda, chantiers, reports

app_name = "chantiers"

urlpatterns = [
    path("", chantiers.chantier_list, name="chantier-list"),
    path("avancees/", chantiers.progress_summary, name="progress-summary"),
    path("rencontres/<int:pk>/avancees/", agenda.progress_items, name="meeting-progress-items"),
    path(
        "export/objectifs.csv",
        chantiers.progress_export,
        {"file_format": "csv"},
        name="progress-export",
    ),
    path(
        "export/objectifs.xlsx",
        chantiers.progress_export,
        {"file_format": "xlsx"},
        name="progress-export-xlsx",
    ),
    path("<slug:slug>/", chantiers.chantier_detail, name="chantier-detail"),
    path("<slug:slug>/adhesion/", chantiers.join_request_create, name="join-request-create"),
    path(
        "<slug:slug>/adhesion/<int:pk>/decision/",
        chantiers.join_request_decide,
        name="join-request-decide",
    ),
    path("<slug:slug>/objectifs/nouveau/", chantiers.objective_create, name="objective-create"),
    path(
        "<slug:slug>/objectifs/<int:pk>/modifier/",
        chantiers.objective_update,
        name="objective-update",
    ),
    path(
        "<slug:slug>/objectifs/<int:pk>/historique/",
        chantiers.objective_history,
        name="objective-history",
    ),
    path("<slug:slug>/bilans/nouveau/", reports.report_create, name="report-create"),
    path("<slug:slug>/bilans/<int:pk>/", reports.report_detail, name="report-detail"),
    path("<slug:slug>/bilans/<int:pk>/modifier/", reports.report_update, name="report-update"),
    path("<slug:slug>/bilans/<int:pk>/soumettre/", reports.report_submit, name="report-submit"),
    path("<slug:slug>/bilans/<int:pk>/decision/", reports.report_decide, name="report-decide"),
    path(
        "<slug:slug>/bilans/<int:pk>/pieces-jointes/<int:attachment_pk>/",
        reports.attachment_download,
        name="attachment-download",
    ),
]
