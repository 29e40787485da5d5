from django.urls import path

from governance import spreadsheet_views, views

app_name = "governance"

urlpatterns = [
    path("identite.css", views.identity_stylesheet, name="identity-css"),
    path("identite/logo/", views.identity_logo, name="identity-logo"),
    path("organigramme/", views.organigram, name="organigram"),
    path("instances/echeances/", views.term_ends, name="term-ends"),
    path("instances/<slug:slug>/", views.BodyDetailView.as_view(), name="body-detail"),
    path("instances/<slug:slug>/historique/", views.body_history, name="body-history"),
    path(
        "instances/<slug:slug>/anciens-membres/",
        views.BodyPastMembersView.as_view(),
        name="body-past-members",
    ),
    path("instances/<slug:slug>/sieges/nouveau/", views.seat_create, name="seat-create"),
    path("sieges/<int:pk>/modifier/", views.seat_update, name="seat-update"),
    path("sieges/<int:pk>/terminer/", views.seat_end, name="seat-end"),
    path("affiliations/<int:pk>/terminer/", views.affiliation_end, name="affiliation-end"),
    path(
        "representations/<int:pk>/terminer/",
        views.representation_end,
        name="representation-end",
    ),
    path("equipe-adoc/", views.adoc_team, name="adoc-team"),
    path("repertoire/tableurs/", spreadsheet_views.import_start, name="import-start"),
    path("repertoire/tableurs/<int:pk>/", spreadsheet_views.import_detail, name="import-detail"),
    path(
        "repertoire/tableurs/<int:pk>/importer/",
        spreadsheet_views.import_confirm,
        name="import-confirm",
    ),
    path(
        "repertoire/tableurs/<int:pk>/annuler/",
        spreadsheet_views.import_cancel,
        name="import-cancel",
    ),
    *(
        route
        for file_format in ("csv", "xlsx")
        for route in (
            path(
                f"repertoire/tableurs/modele-<slug:kind>.{file_format}",
                spreadsheet_views.import_template,
                {"file_format": file_format},
                name=f"import-template-{file_format}",
            ),
            path(
                f"repertoire/tableurs/<slug:kind>.{file_format}",
                spreadsheet_views.directory_export,
                {"file_format": file_format},
                name=f"directory-export-{file_format}",
            ),
        )
    ),
    path("repertoire/", views.DirectoryView.as_view(), name="directory"),
    path(
        "repertoire/organisations/nouvelle/",
        views.organisation_create,
        name="organisation-create",
    ),
    path(
        "repertoire/organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "repertoire/organisations/<slug:slug>/modifier/",
        views.organisation_update,
        name="organisation-update",
    ),
    path(
        "repertoire/organisations/<slug:slug>/historique/",
        views.organisation_history,
        name="organisation-history",
    ),
    path(
        "repertoire/organisations/<slug:slug>/representation/",
        views.representation_create,
        name="representation-create",
    ),
    path("repertoire/personnes/nouvelle/", views.person_create, name="person-create"),
    path("repertoire/personnes/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("repertoire/personnes/<int:pk>/modifier/", views.person_update, name="person-update"),
    path("repertoire/personnes/<int:pk>/historique/", views.person_history, name="person-history"),
    path(
        "repertoire/personnes/<int:pk>/affiliations/nouvelle/",
        views.affiliation_create,
        name="affiliation-create",
    ),
    path("repertoire/personnes/<int:pk>/inviter/", views.person_invite, name="person-invite"),
    path("mon-profil/", views.profile, name="profile"),
    path("courriels/", views.sends, name="sends"),
    path("courriels/<uuid:pk>/reessayer/", views.send_retry, name="send-retry"),
]
