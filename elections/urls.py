from django.urls import path

from elections import views

app_name = "elections"

urlpatterns = [
    path("", views.election_list, name="election-list"),
    path("nouvelle/", views.election_create, name="election-create"),
    path("<int:pk>/", views.election_detail, name="election-detail"),
    path("<int:pk>/modifier/", views.election_update, name="election-update"),
    path("<int:pk>/etat/<slug:target>/", views.election_transition, name="election-transition"),
    path("<int:pk>/candidatures/", views.candidate_list, name="candidate-list"),
    path("<int:pk>/candidatures/nouvelle/", views.candidacy_create, name="candidacy-create"),
    path("candidatures/<int:pk>/confirmer/", views.candidacy_confirm, name="candidacy-confirm"),
    path("candidatures/<int:pk>/retirer/", views.candidacy_withdraw, name="candidacy-withdraw"),
    path("candidatures/<int:pk>/refuser/", views.candidacy_refuse, name="candidacy-refuse"),
    path("<int:pk>/voter/", views.vote, name="vote"),
    path("<int:pk>/voter/confirmer/", views.vote_confirm, name="vote-confirm"),
    path("<int:pk>/voter/recu-par-courriel/", views.receipt_email, name="receipt-email"),
    path("<int:pk>/prolonger/", views.voting_extend, name="voting-extend"),
    path("<int:pk>/ouvrir-aujourdhui/", views.voting_open_now, name="voting-open-now"),
    path("<int:pk>/rouvrir/", views.voting_reopen, name="voting-reopen"),
    path("<int:pk>/publier/", views.publish_preview, name="publish-preview"),
    path("<int:pk>/verifier-mon-recu/", views.receipt_check, name="receipt-check"),
    path("<int:pk>/resultats/", views.election_results, name="election-results"),
    path("<int:pk>/egalite/<slug:college>/", views.tie_break, name="tie-break"),
    path("<int:pk>/depouillement-papier/", views.paper_counts, name="paper-counts"),
    path(
        "<int:pk>/depouillement-papier/verifier/",
        views.paper_review,
        name="paper-review",
    ),
    path(
        "<int:pk>/depouillement-papier/renvoyer/",
        views.paper_refuse,
        name="paper-refuse",
    ),
    path(
        "<int:pk>/depouillement-papier/confirmer/",
        views.paper_confirm,
        name="paper-confirm",
    ),
]
