"""Elections beyond doubt, the forms and the people (issue 15): guarded transitions and their
ways out, paper counts within the electors and checked by a second agent, a ballot reviewed
before it is cast, candidacies confirmed or refused by the delegate, the preview before
publishing."""

import datetime

import pytest
from django.urls import reverse

from elections import workflow
from elections.forms import ElectionForm, PaperCountForm
from elections.models import (
    Ballot,
    Candidacy,
    CandidacyStatus,
    Election,
    ElectionState,
    Participation,
    Transition,
    VotingMode,
)
from elections.workflow import ElectionError
from governance.models import Seat, SeatMode, SeatRole
from infrastructure.periods import today
from tests.conftest import ELECTION_AGENTS, ROLES, adoc_agent, statuses
from tests.elections.test_workflow import voter
from tests.factories import (
    AffiliationFactory,
    CandidacyFactory,
    ElectionFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
    institutional,
)


@pytest.fixture
def agent(adoc):
    return adoc


def in_nominations(agent, **kwargs):
    election = ElectionFactory(**kwargs)
    return workflow.move(election, ElectionState.NOMINATIONS, agent)


def voting(agent, seats=None, **kwargs):
    """Voting open: 3 community candidates for 2 seats, 1 institutional for 1 (acclaimed)."""
    election = ElectionFactory(seats=seats or {"community": 2, "institutional": 1}, **kwargs)
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    for _ in range(3):
        CandidacyFactory(election=election)
    CandidacyFactory(election=election, organisation=institutional())
    return workflow.move(election, ElectionState.VOTING, agent)


# ---------------------------------------------------------------------------------------------
# Guarded transitions and the ways out
# ---------------------------------------------------------------------------------------------


def test_opening_voting_before_its_date_is_refused(territory, agent):
    election = in_nominations(
        agent,
        nominations_close=today(),
        voting_opens=today() + datetime.timedelta(days=3),
        voting_closes=today() + datetime.timedelta(days=6),
    )

    with pytest.raises(ElectionError, match="ne peut pas être ouvert avant"):
        workflow.move(election, ElectionState.VOTING, agent)

    election.refresh_from_db()
    assert election.state == ElectionState.NOMINATIONS
    assert not election.electors.exists()


def test_opening_early_after_confirmation_moves_the_date_and_says_so(territory, agent):
    election = in_nominations(
        agent,
        nominations_close=today() + datetime.timedelta(days=1),
        voting_opens=today() + datetime.timedelta(days=3),
        voting_closes=today() + datetime.timedelta(days=6),
    )

    election = workflow.move(election, ElectionState.VOTING, agent, advance=True)

    election.refresh_from_db()
    assert election.is_voting_open
    assert election.voting_opens == today()
    assert election.nominations_close == today()
    note = Transition.objects.get(election=election, target=ElectionState.VOTING).note
    assert "Date d’ouverture déplacée" in note


def test_the_transition_page_asks_for_the_confirmation(client, territory, agent):
    election = in_nominations(
        agent,
        nominations_close=today(),
        voting_opens=today() + datetime.timedelta(days=3),
        voting_closes=today() + datetime.timedelta(days=6),
    )
    client.force_login(agent)
    url = reverse("elections:election-transition", args=[election.pk, "voting"])

    refused = client.post(url, {"note": ""})
    assert "ne peut pas être ouvert avant" in refused.content.decode()
    client.post(url, {"note": "", "advance": "on"})

    election.refresh_from_db()
    assert election.state == ElectionState.VOTING
    assert election.voting_opens == today()


def test_an_election_opened_early_is_unstuck_by_opening_today(territory, agent):
    election = voting(agent)
    Election.objects.filter(pk=election.pk).update(voting_opens=today() + datetime.timedelta(2))
    election.refresh_from_db()
    assert not election.is_voting_open

    workflow.open_voting_now(election, agent)

    election.refresh_from_db()
    assert election.is_voting_open
    assert Transition.objects.filter(
        election=election, source=ElectionState.VOTING, target=ElectionState.VOTING
    ).exists()


def test_the_vote_is_extended_only_to_a_later_day(territory, agent):
    election = voting(agent)
    Election.objects.filter(pk=election.pk).update(voting_closes=today())
    election.refresh_from_db()

    with pytest.raises(ElectionError, match="postérieure"):
        workflow.extend_voting(election, today(), agent)
    with pytest.raises(ElectionError, match="aujourd’hui ou plus tard"):
        workflow.extend_voting(election, today() - datetime.timedelta(1), agent)
    workflow.extend_voting(election, today() + datetime.timedelta(5), agent, "Panne")

    election.refresh_from_db()
    assert election.voting_closes == today() + datetime.timedelta(5)
    assert "Panne" in election.transitions.last().note


def test_the_extend_page_gives_a_french_error_on_the_field(client, territory, agent):
    election = voting(agent)
    client.force_login(agent)

    response = client.post(
        reverse("elections:voting-extend", args=[election.pk]),
        {"closes": (today() - datetime.timedelta(3)).isoformat(), "note": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["closes"] == [
        "Choisissez aujourd’hui ou un jour suivant."
    ]


def test_a_counted_election_reopens_with_a_reason_and_counts_again(territory, agent):
    first, later = voter(), voter()
    election = voting(agent)
    community = list(election.candidacies.filter(college="community"))
    workflow.cast(election, first, {"community": community[:1]})
    election = workflow.move(election, ElectionState.COUNTED, agent)

    with pytest.raises(ElectionError, match="Dites pourquoi"):
        workflow.reopen_voting(election, today() + datetime.timedelta(2), agent, " ")
    election = workflow.reopen_voting(
        election, today() + datetime.timedelta(2), agent, "Fermé trop tôt"
    )

    assert election.state == ElectionState.VOTING
    assert election.is_voting_open
    assert not Candidacy.objects.filter(election=election, votes__isnull=False).exists()
    assert (
        Participation.objects.filter(elector__election=election).count() == 1
    )  # ballot: in the pool
    workflow.cast(election, later, {"community": community[:1]})
    election = workflow.move(election, ElectionState.COUNTED, agent)
    community[0].refresh_from_db()
    assert community[0].votes == 2


def test_only_a_counted_election_reopens(territory, agent):
    election = voting(agent)

    with pytest.raises(ElectionError):
        workflow.reopen_voting(election, today(), agent, "Pourquoi pas")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"nominations_close": "2030-03-01"}, "nominations_close"),
        ({"voting_opens": "2030-04-15"}, "voting_opens"),
        ({"voting_closes": "2030-05-10"}, "voting_closes"),
    ],
)
def test_dates_in_the_wrong_order_give_a_french_error_on_the_field(territory, change, field):
    data = {
        "title": "Élection",
        "held_on": "2030-06-10",
        "mode": "online",
        "term_years": 2,
        "mrc_minimum": 0,
        "nominations_open": "2030-04-01",
        "nominations_close": "2030-05-01",
        "voting_opens": "2030-05-20",
        "voting_closes": "2030-06-10",
        "community_seats": 4,
        "institutional_seats": 4,
        **change,
    }

    form = ElectionForm(data)

    assert not form.is_valid()
    assert field in form.errors
    messages = " ".join(str(e) for errors in form.errors.values() for e in errors)
    assert "contrainte" not in messages
    assert "ou après" in " ".join(form.errors[field])


# ---------------------------------------------------------------------------------------------
# Paper counts
# ---------------------------------------------------------------------------------------------


def paper_election(agent):
    election = ElectionFactory(mode=VotingMode.PAPER, seats={"community": 1})
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    a, b = CandidacyFactory(election=election), CandidacyFactory(election=election)
    election = workflow.move(election, ElectionState.VOTING, agent)
    return election, a, b


def test_paper_counts_cannot_have_more_ballots_than_electors(territory, agent):
    election, a, b = paper_election(agent)
    row = election.colleges.get()
    electors = election.electors.count()

    with pytest.raises(ElectionError, match="plus de bulletins que d’électeurs"):
        workflow.enter_paper_counts(election, {row: (electors + 1, 0, 0)}, {a: 1, b: 0}, agent)
    form = PaperCountForm(
        {
            f"ballots_{row.college}": electors + 1,
            f"blank_{row.college}": 0,
            f"spoiled_{row.college}": 0,
            f"votes_{a.pk}": 1,
            f"votes_{b.pk}": 0,
        },
        colleges=[row],
        candidacies=[a, b],
        electors=electors,
    )

    assert not form.is_valid()
    assert "Plus de bulletins que d’électeurs" in form.errors[f"ballots_{row.college}"][0]
    election.refresh_from_db()
    assert election.paper_entered_by is None


def test_the_second_agent_sees_the_figures_and_sends_them_back(client, territory, agent):
    election, a, b = paper_election(agent)
    row = election.colleges.get()
    workflow.enter_paper_counts(election, {row: (3, 1, 0)}, {a: 2, b: 1}, agent)
    second = UserFactory(email="second@example.org")
    SeatFactory(body=territory["adoc"], person=PersonFactory(user=second))

    with pytest.raises(ElectionError, match="autre agent"):
        workflow.refuse_paper_counts(election, agent, "Erreur")
    client.force_login(second)
    page = client.get(reverse("elections:paper-review", args=[election.pk])).content.decode()
    assert f"Votes pour {a.person}" in page
    assert "Renvoyer le décompte" in page
    client.post(
        reverse("elections:paper-refuse", args=[election.pk]), {"reason": "Bulletins recomptés"}
    )

    election.refresh_from_db()
    assert election.paper_entered_by is None
    assert election.paper_refusal == "Bulletins recomptés"
    with pytest.raises(ElectionError):
        workflow.move(election, ElectionState.COUNTED, agent)
    workflow.enter_paper_counts(election, {row: (3, 0, 0)}, {a: 2, b: 1}, agent)
    workflow.confirm_paper_counts(election, second)
    election.refresh_from_db()
    assert election.paper_refusal == ""
    assert election.paper_confirmed_by == second


# ---------------------------------------------------------------------------------------------
# A ballot hard to cast by mistake
# ---------------------------------------------------------------------------------------------


def review(client, election, chosen):
    response = client.post(
        reverse("elections:vote", args=[election.pk]), {"community": [c.pk for c in chosen]}
    )
    return response, response.context["form"]["token"].value()


def test_the_ballot_form_only_leads_to_the_review(client, territory, agent, delegate):
    election = voting(agent)
    chosen = list(election.candidacies.filter(college="community")[:2])
    client.force_login(delegate)

    response, _token = review(client, election, chosen)

    page = response.content.decode()
    assert "Vous avez choisi" in page
    assert "Confirmer mon vote" in page
    assert all(str(c.person) in page for c in chosen)
    assert not Participation.objects.filter(elector__election=election).exists()
    assert not Ballot.objects.filter(election=election).exists()


def test_the_ballot_form_shows_statements_and_acclaimed_colleges(
    client, territory, agent, delegate
):
    election = voting(agent)
    client.force_login(delegate)

    page = client.get(reverse("elections:vote", args=[election.pk])).content.decode()

    assert "élues par acclamation ; il n’y a pas de vote dans ce collège" in page
    assert "Je souhaite contribuer" in page
    assert "Vérifier mes choix" in page
    assert "Déposer" not in page


def test_change_my_choices_shows_the_ballot_as_ticked(client, territory, agent, delegate):
    election = voting(agent)
    chosen = election.candidacies.filter(college="community").first()
    client.force_login(delegate)

    response = client.post(
        reverse("elections:vote", args=[election.pk]), {"community": [chosen.pk], "edit": "1"}
    )

    assert response.templates[0].name == "elections/vote_form.html"
    assert f'value="{chosen.pk}" ' in response.content.decode().replace("checked", "")
    assert response.context["form"]["community"].value() == [str(chosen.pk)]


def test_a_double_submit_casts_once_and_shows_the_same_receipt(client, territory, agent, delegate):
    election = voting(agent)
    chosen = list(election.candidacies.filter(college="community")[:1])
    client.force_login(delegate)
    _review, token = review(client, election, chosen)
    data = {"community": [c.pk for c in chosen], "token": token}
    url = reverse("elections:vote-confirm", args=[election.pk])

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.context["code"] == second.context["code"]
    assert "Votre code de reçu" in second.content.decode()
    assert (
        Participation.objects.filter(elector__election=election).count() == 1
    )  # ballot: in the pool
    assert workflow.check_receipt(election, first.context["code"])


def test_the_cast_needs_the_review_token_and_its_choices(client, territory, agent, delegate):
    election = voting(agent)
    community = list(election.candidacies.filter(college="community"))
    client.force_login(delegate)
    _review, token = review(client, election, community[:1])
    url = reverse("elections:vote-confirm", args=[election.pk])

    client.post(url, {"community": [community[0].pk]})
    client.post(url, {"community": [community[1].pk], "token": token})
    client.post(url, {"community": [community[0].pk], "token": token + "x"})

    assert not Ballot.objects.filter(election=election).exists()
    assert client.post(url, {"community": [community[0].pk], "token": token}).status_code == 200
    assert (
        Participation.objects.filter(elector__election=election).count() == 1
    )  # ballot: in the pool


def test_a_token_of_another_delegate_casts_nothing(client, territory, agent, delegate):
    election = voting(agent)
    community = list(election.candidacies.filter(college="community"))
    client.force_login(delegate)
    _review, token = review(client, election, community[:1])
    other = voter()
    other.user = UserFactory()
    other.save()
    client.force_login(other.user)

    client.post(
        reverse("elections:vote-confirm", args=[election.pk]),
        {"community": [community[0].pk], "token": token},
    )

    assert not Ballot.objects.filter(election=election).exists()


def test_the_receipt_is_emailed_without_the_choices(client, territory, agent, delegate, mailoutbox):
    election = voting(agent)
    chosen = list(election.candidacies.filter(college="community")[:1])
    client.force_login(delegate)
    _review, token = review(client, election, chosen)
    receipt = client.post(
        reverse("elections:vote-confirm", args=[election.pk]),
        {"community": [c.pk for c in chosen], "token": token},
    )
    code = receipt.context["code"]

    response = client.post(reverse("elections:receipt-email", args=[election.pk]), {"token": token})

    assert response.context["code"] == code
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [delegate.person.email]
    assert code in message.body
    assert str(chosen[0].person) not in message.body
    assert all(str(c.person) not in message.body for c in election.candidacies.all())


def test_the_receipt_is_not_kept_in_the_clear(client, territory, agent, delegate):
    """The session, the cache table and the task queue hold no receipt code."""
    from django.contrib.sessions.models import Session
    from django.db import connection

    election = voting(agent)
    chosen = list(election.candidacies.filter(college="community")[:1])
    client.force_login(delegate)
    _review, token = review(client, election, chosen)
    code = client.post(
        reverse("elections:vote-confirm", args=[election.pk]),
        {"community": [c.pk for c in chosen], "token": token},
    ).context["code"]

    stored = [s.get_decoded() for s in Session.objects.all()]
    assert code not in repr(stored)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM dsi_portal_cache")
        rows = repr(cursor.fetchall())
    assert code not in rows
    assert code.replace("-", "") not in rows


# ---------------------------------------------------------------------------------------------
# Delegates see their work
# ---------------------------------------------------------------------------------------------


def test_a_proposed_candidacy_is_emailed_to_the_delegate(
    client, territory, agent, partner, delegate, mailoutbox, django_capture_on_commit_callbacks
):
    election = in_nominations(agent)
    client.force_login(partner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("elections:candidacy-create", args=[election.pk]),
            {"organisation": territory["organisation"].pk, "statement": "Je me présente."},
        )

    assert [m.to for m in mailoutbox] == [[delegate.person.email]]
    assert str(partner.person) in mailoutbox[0].body
    assert reverse("meetings:my-actions") in mailoutbox[0].body


def test_mes_suivis_lists_the_candidacies_to_confirm_and_confirms(
    client, territory, agent, delegate
):
    election = in_nominations(agent)
    runner = PersonFactory()
    AffiliationFactory(person=runner, organisation=territory["organisation"])
    candidacy = workflow.propose(election, runner, territory["organisation"])
    client.force_login(delegate)
    url = reverse("meetings:my-actions")

    page = client.get(url).content.decode()
    assert "Candidatures en attente de votre confirmation" in page
    assert str(runner) in page
    response = client.post(
        reverse("elections:candidacy-confirm", args=[candidacy.pk]), {"next": url}
    )

    assert response.url == url
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.CONFIRMED
    assert "Candidatures en attente" not in client.get(url).content.decode()


def test_the_delegate_refuses_with_a_reason_and_the_candidate_is_told(
    client, territory, agent, delegate, mailoutbox, django_capture_on_commit_callbacks
):
    election = in_nominations(agent)
    runner = PersonFactory(email="candidate@example.org")
    AffiliationFactory(person=runner, organisation=territory["organisation"])
    candidacy = workflow.propose(election, runner, territory["organisation"])
    client.force_login(delegate)
    url = reverse("elections:candidacy-refuse", args=[candidacy.pk])

    assert "Pourquoi vous refusez" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Pas membre du CA"})

    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.REFUSED
    assert candidacy.refusal_reason == "Pas membre du CA"
    assert [m.to for m in mailoutbox] == [["candidate@example.org"]]
    assert "Pas membre du CA" in mailoutbox[0].body


def test_refusing_needs_a_reason_and_the_delegate(territory, agent, partner, delegate):
    election = in_nominations(agent)
    candidacy = CandidacyFactory(
        election=election, organisation=territory["organisation"], status=CandidacyStatus.PROPOSED
    )

    with pytest.raises(ElectionError, match="Dites pourquoi"):
        workflow.refuse(candidacy, delegate.person, "  ")
    with pytest.raises(ElectionError, match="déléguée"):
        workflow.refuse(candidacy, partner.person, "Non")
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.PROPOSED


def test_a_partner_cannot_refuse_a_candidacy(client, territory, agent, partner):
    election = in_nominations(agent)
    candidacy = CandidacyFactory(
        election=election, organisation=territory["organisation"], status=CandidacyStatus.PROPOSED
    )
    client.force_login(partner)

    response = client.post(
        reverse("elections:candidacy-refuse", args=[candidacy.pk]), {"reason": "Non"}
    )

    assert response.status_code == 403
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.PROPOSED


# ---------------------------------------------------------------------------------------------
# The preview before publishing
# ---------------------------------------------------------------------------------------------


def counted_with_a_sitting_member(territory, agent):
    """A counted election of 1 community seat won by someone already sitting, plus an officer
    (the chair) whose seat ends within the renewal window."""
    election = ElectionFactory(seats={"community": 1})
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    sitting = CandidacyFactory(election=election)
    SeatFactory(
        body=territory["council"],
        person=sitting.person,
        organisation=sitting.organisation,
        mode=SeatMode.ELECTED,
        college="community",
        ends=election.held_on + datetime.timedelta(days=30),
    )
    chair = SeatFactory(
        body=territory["council"],
        role=SeatRole.CHAIR,
        mode=SeatMode.ELECTED,
        college="community",
        ends=election.held_on + datetime.timedelta(days=30),
    )
    election = workflow.move(election, ElectionState.VOTING, agent)
    election = workflow.move(election, ElectionState.COUNTED, agent)  # acclaimed
    return election, sitting, chair


def test_a_re_elected_sitting_member_keeps_one_seat_extended(territory, agent):
    election, sitting, chair = counted_with_a_sitting_member(territory, agent)
    seat = Seat.objects.get(person=sitting.person)

    workflow.move(election, ElectionState.PUBLISHED, agent, replaced=[seat, chair])

    seats = Seat.objects.filter(person=sitting.person, body=territory["council"])
    assert seats.count() == 1
    assert seats.get().ends == election.term_ends
    chair.refresh_from_db()
    assert chair.ends == election.held_on - datetime.timedelta(days=1)


def test_the_preview_warns_and_publishes(client, territory, agent):
    election, sitting, chair = counted_with_a_sitting_member(territory, agent)
    client.force_login(agent)
    url = reverse("elections:publish-preview", args=[election.pk])

    page = client.get(url).content.decode()
    assert "À vérifier avant de publier" in page
    assert "Présidence" in page or chair.get_role_display() in page
    assert "son siège est prolongé" in page
    assert "Le comité au regard de ses quotas" in page
    seat = Seat.objects.get(person=sitting.person)
    response = client.post(url, {"replaced": [seat.pk, chair.pk], "note": "", "publish": "1"})

    assert response.status_code == 302
    election.refresh_from_db()
    assert election.state == ElectionState.PUBLISHED


def test_the_preview_matches_what_publishing_does(territory, agent):
    election, _sitting, chair = counted_with_a_sitting_member(territory, agent)
    plan = workflow.publication_plan(election, [chair])

    workflow.move(election, ElectionState.PUBLISHED, agent, replaced=[chair])

    held = Seat.objects.voting().filter(body=territory["council"]).current(election.held_on)
    assert sorted((s.college, s.mrc) for s in held) == sorted(plan.seats_after)
    assert [s.pk for s in plan.officers_ending] == [chair.pk]


def test_publishing_goes_through_the_preview(client, territory, agent):
    election, _sitting, _chair = counted_with_a_sitting_member(territory, agent)
    client.force_login(agent)

    response = client.get(reverse("elections:election-transition", args=[election.pk, "published"]))

    assert response.url == reverse("elections:publish-preview", args=[election.pk])


# ---------------------------------------------------------------------------------------------
# Small things
# ---------------------------------------------------------------------------------------------


def test_electors_are_not_shown_during_nominations(client, territory, agent, partner):
    election = in_nominations(agent)
    client.force_login(partner)

    page = client.get(election.get_absolute_url()).content.decode()
    opened = client.get(voting(agent).get_absolute_url()).content.decode()

    assert "Électeurs" not in page
    assert "Électeurs" in opened


def test_the_election_list_is_most_recent_first(client, territory, agent, partner):
    held = [today() + datetime.timedelta(days=d) for d in (40, 400, 10)]
    for day in held:
        in_nominations(agent, title=f"Élection du {day}", held_on=day)
    client.force_login(partner)

    response = client.get(reverse("elections:election-list"))

    days = [e.held_on for e in response.context["elections"]]
    assert days == sorted(days, reverse=True)


# ---------------------------------------------------------------------------------------------
# Who sees the new pages, and their queries
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_new_pages_answer_each_role_as_expected(client, login_as, territory, agent, role):
    other = adoc_agent(territory, "agent2@example.org")
    nominations = in_nominations(other)
    proposed = CandidacyFactory(
        election=nominations,
        organisation=territory["organisation"],
        status=CandidacyStatus.PROPOSED,
    )
    open_vote = voting(other)
    counted = voting(other)
    workflow.move(counted, ElectionState.COUNTED, other)
    paper, a, b = paper_election(other)
    workflow.enter_paper_counts(paper, {paper.colleges.get(): (1, 0, 0)}, {a: 1, b: 0}, other)
    pages = [
        ("elections:candidacy-refuse", [proposed.pk], statuses({"delegate"})),
        ("elections:voting-extend", [open_vote.pk], statuses(ELECTION_AGENTS)),
        ("elections:voting-reopen", [counted.pk], statuses(ELECTION_AGENTS)),
        ("elections:publish-preview", [counted.pk], statuses(ELECTION_AGENTS)),
        ("elections:paper-review", [paper.pk], statuses(ELECTION_AGENTS)),
    ]
    login_as(role)

    for name, args, expected in pages:
        response = client.get(reverse(name, args=args))

        assert response.status_code == expected(role), name
        if response.status_code == 200:
            assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("size", [2, 20])
def test_mes_suivis_stays_bounded_with_candidacies(
    client, territory, agent, delegate, django_assert_max_num_queries, size
):
    election = in_nominations(agent)
    for _ in range(size):
        CandidacyFactory(
            election=election,
            organisation=territory["organisation"],
            status=CandidacyStatus.PROPOSED,
        )
    client.force_login(delegate)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("meetings:my-actions"))

    assert response.content.decode().count("/confirmer/") == size


def test_a_review_page_is_claimed_once_until_released(territory, agent, delegate):
    """Two requests carrying the same review page (a double click): only the first casts."""
    from elections import receipts

    election = voting(agent)
    elector = workflow.elector_for(election, delegate.person)
    token = receipts.read_token(
        receipts.new_token(election, delegate.person, elector, []), election, delegate.person
    )

    assert receipts.claim(token) is True
    assert receipts.claim(token) is False
    receipts.release(token)
    assert receipts.claim(token) is True
    assert receipts.recall(token) is None
    receipts.keep(token, "ABCD-EFGH-JKLM-NPQR")
    assert receipts.recall(token) == "ABCD-EFGH-JKLM-NPQR"
