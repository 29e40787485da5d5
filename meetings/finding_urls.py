"""Ways to find meetings and records again: calendar feeds, search."""

from django.urls import path

from meetings import finding_views as views

urlpatterns = [
    path("rencontres/mon-calendrier/", views.my_calendar, name="my-calendar"),
    path(
        "rencontres/mon-calendrier/renouveler/",
        views.my_calendar_renew,
        name="my-calendar-renew",
    ),
    # Addressed by a secret token: calendar apps cannot log in.
    path("calendrier/<str:token>/mes-rencontres.ics", views.feed_person, name="feed-person"),
    path("calendrier/<str:token>/instances/<slug:slug>.ics", views.feed_body, name="feed-body"),
    path("mes-courriels/", views.email_preferences, name="email-preferences"),
    path("recherche/", views.search_records, name="search"),
]
