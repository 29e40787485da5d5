from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("rencontres/", views.meeting_list, name="meeting-list"),
    path("rencontres/nouvelle/", views.meeting_create, name="meeting-create"),
    path("rencontres/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("rencontres/<int:pk>/modifier/", views.meeting_update, name="meeting-update"),
    path("rencontres/<int:pk>/annuler/", views.meeting_cancel, name="meeting-cancel"),
    path("rencontres/<int:pk>/tenue/", views.meeting_mark_held, name="meeting-held"),
    path("rencontres/<int:pk>/publier/", views.meeting_publish, name="meeting-publish"),
    path("rencontres/<int:pk>/proces-verbal/", views.minutes_print, name="minutes-print"),
    path("rencontres/<int:pk>/historique/", views.history, name="history"),
    path(
        "rencontres/historique/<slug:kind>/<int:history_id>/restaurer/",
        views.history_restore,
        name="history-restore",
    ),
    # Agenda and minutes
    path("rencontres/<int:pk>/points/ajouter/", views.item_create, name="item-create"),
    path("rencontres/points/<int:pk>/modifier/", views.item_update, name="item-update"),
    path("rencontres/points/<int:pk>/deplacer/", views.item_move, name="item-move"),
    path("rencontres/points/<int:pk>/retirer/", views.item_delete, name="item-delete"),
    path("rencontres/points/<int:pk>/proces-verbal/", views.minutes_update, name="minutes-update"),
    path("rencontres/points/<int:pk>/correction/", views.amendment_create, name="amendment-create"),
    path(
        "rencontres/<int:pk>/correction/",
        views.meeting_amendment_create,
        name="meeting-amendment-create",
    ),
    path("rencontres/<int:pk>/adoption/", views.minutes_adopt, name="minutes-adopt"),
    # Convocation and attendance
    path("rencontres/<int:pk>/convocation/", views.convocation_send, name="convocation-send"),
    path("rencontres/<int:pk>/presences/", views.attendance_update, name="attendance-update"),
    path(
        "rencontres/<int:pk>/presences.csv",
        views.attendance_export,
        {"file_format": "csv"},
        name="attendance-csv",
    ),
    path(
        "rencontres/<int:pk>/presences.xlsx",
        views.attendance_export,
        {"file_format": "xlsx"},
        name="attendance-xlsx",
    ),
    path("rencontres/<int:pk>/invites/ajouter/", views.guest_add, name="guest-add"),
    # Decisions, mandates, action items, documents
    path("decisions/", views.decision_list, name="decision-list"),
    path("rencontres/<int:pk>/decisions/ajouter/", views.decision_create, name="decision-create"),
    path("decisions/<int:pk>/modifier/", views.decision_update, name="decision-update"),
    path("mandats/", views.mandate_list, name="mandate-list"),
    path("mandats/<int:pk>/", views.mandate_detail, name="mandate-detail"),
    path("mandats/<int:pk>/historique/", views.mandate_history, name="mandate-history"),
    path("rencontres/<int:pk>/mandats/ajouter/", views.mandate_create, name="mandate-create"),
    path("rencontres/<int:pk>/suivis/ajouter/", views.action_create, name="action-create"),
    path("suivis/<int:pk>/modifier/", views.action_update, name="action-update"),
    path("suivis/<int:pk>/fait/", views.action_done, name="action-done"),
    path("mes-suivis/", views.my_actions, name="my-actions"),
    path("rencontres/<int:pk>/documents/ajouter/", views.document_create, name="document-create"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("documents/<int:pk>/remplacer/", views.document_replace, name="document-replace"),
    path("documents/<int:pk>/supprimer/", views.document_delete, name="document-delete"),
    # Calendar subscriptions, addressed by a secret token: calendar apps cannot log in.
    path("rencontres/mon-calendrier/", views.my_calendar, name="my-calendar"),
    path(
        "rencontres/mon-calendrier/renouveler/",
        views.my_calendar_renew,
        name="my-calendar-renew",
    ),
    path("calendrier/<str:token>/mes-rencontres.ics", views.feed_person, name="feed-person"),
    path("calendrier/<str:token>/instances/<slug:slug>.ics", views.feed_body, name="feed-body"),
    # Email preferences and search
    path("mes-courriels/", views.email_preferences, name="email-preferences"),
    path("recherche/", views.search_records, name="search"),
]
