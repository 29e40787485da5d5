"""The election's life: states, candidacies, secret ballots, counts, ties, paper counts."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from elections import ballot_box, workflow
from elections.models import (
    Ballot,
    BallotChoice,
    CandidacyStatus,
    Election,
    ElectionState,
    Elector,
    Participation,
    PendingBallot,
    Transition,
    VotingMode,
)
from elections.workflow import ElectionError
from governance.models import BodyKind, RepresentationKind, Seat, SeatMode
from tests.conftest import adoc_agent
from tests.factories import (
    AffiliationFactory,
    CandidacyFactory,
    ElectionFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
    SeatFactory,
    institutional,
)


def voter(organisation=None):
    """A delegate (a Person) of a new active organisation."""
    organisation = organisation or OrganisationFactory()
    person = PersonFactory()
    AffiliationFactory(person=person, organisation=organisation)
    RepresentationFactory(
        organisation=organisation, person=person, kind=RepresentationKind.DELEGATE
    )
    return person


@pytest.fixture
def agent(adoc):
    return adoc


@pytest.fixture
def contest(territory, agent):
    """An online election with 3 community candidates for 2 seats and 3 institutional ones for
    2 seats, in nominations; returns (election, community, institutional)."""
    election = ElectionFactory()
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    community = [CandidacyFactory(election=election) for _ in range(3)]
    others = [CandidacyFactory(election=election, organisation=institutional()) for _ in range(3)]
    return election, community, others


def open_vote(election, agent):
    return workflow.move(election, ElectionState.VOTING, agent)


def test_election_lifecycle_records_each_transition_and_seats_the_elected(
    contest, agent, delegate, territory
):
    election, community, others = contest
    election = open_vote(election, agent)
    person = delegate.person

    code = workflow.cast(
        election, person, {"community": community[:2], "institutional": others[:2]}
    )
    workflow.move(election, ElectionState.COUNTED, agent)
    workflow.move(election, ElectionState.PUBLISHED, agent)

    election.refresh_from_db()
    assert election.state == ElectionState.PUBLISHED
    assert list(Transition.objects.filter(election=election).values_list("target", flat=True)) == [
        ElectionState.NOMINATIONS,
        ElectionState.VOTING,
        ElectionState.COUNTED,
        ElectionState.PUBLISHED,
    ]
    assert all(t.by == agent for t in election.transitions.all())
    assert workflow.check_receipt(election, code)
    assert not workflow.check_receipt(election, "AAAA-BBBB-CCCC-DDDD")
    seats = Seat.objects.filter(body=territory["council"], mode=SeatMode.ELECTED)
    assert {s.person_id for s in seats} == {c.person_id for c in community[:2] + others[:2]}
    assert all(s.starts == election.held_on and s.ends == election.term_ends for s in seats)


def test_electors_are_frozen_when_voting_opens(contest, agent, delegate):
    election, _community, _others = contest
    active = OrganisationFactory()
    inactive = OrganisationFactory(is_active=False)

    open_vote(election, agent)
    late = OrganisationFactory()  # joins after the vote opened

    electors = set(Elector.objects.filter(election=election).values_list("organisation", flat=True))
    assert active.pk in electors
    assert delegate.person.affiliations.get().organisation_id in electors
    assert inactive.pk not in electors
    assert late.pk not in electors


def test_a_state_cannot_be_skipped_and_cancelling_needs_a_reason(contest, agent):
    election, _community, _others = contest

    with pytest.raises(ElectionError):
        workflow.move(election, ElectionState.PUBLISHED, agent)
    with pytest.raises(ElectionError, match="pourquoi"):
        workflow.move(election, ElectionState.CANCELLED, agent)
    workflow.move(election, ElectionState.CANCELLED, agent, "Assemblée reportée")

    election.refresh_from_db()
    assert election.state == ElectionState.CANCELLED
    assert election.cancel_reason == "Assemblée reportée"


def test_voting_twice_is_refused_and_leaves_one_ballot(contest, agent, delegate):
    election, community, _others = contest
    election = open_vote(election, agent)
    workflow.cast(election, delegate.person, {"community": community[:1]})

    with pytest.raises(ElectionError, match="déjà voté"):
        workflow.cast(election, delegate.person, {"community": community[1:2]})

    assert ballot_box.ballots_cast(election) == 1
    (pending,) = PendingBallot.objects.filter(election=election)
    assert ballot_box.unseal(pending.sealed) == [community[0].pk]
    assert Participation.objects.count() == 1


def test_the_database_refuses_a_second_participation(contest, agent, delegate):
    election, _community, _others = contest
    open_vote(election, agent)
    elector = Elector.objects.get(election=election, organisation__slug="maison-famille")
    Participation.objects.create(elector=elector, cast_by=delegate.person)

    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(elector=elector, cast_by=delegate.person)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_ballots_for_one_organisation_make_exactly_one(territory, adoc):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need PostgreSQL (SQLite locks the whole file).")
    election = ElectionFactory(seats={"community": 1})
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    first, second = CandidacyFactory(election=election), CandidacyFactory(election=election)
    person = voter()
    election = open_vote(election, adoc)
    barrier = threading.Barrier(2)
    outcomes = []

    def vote(candidacy):
        try:
            barrier.wait()
            workflow.cast(election, person, {"community": [candidacy]})
            outcomes.append("cast")
        except ElectionError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(c,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["cast", "refused"]
    assert ballot_box.ballots_cast(election) == 1
    workflow.move(election, ElectionState.COUNTED, adoc)
    assert Ballot.objects.filter(election=election).count() == 1
    assert BallotChoice.objects.filter(ballot__election=election).count() == 1
    assert Participation.objects.filter(elector__election=election).count() == 1


def test_ballot_tables_hold_nothing_that_links_a_ballot_to_an_elector():
    for model in (Ballot, BallotChoice, PendingBallot):
        pk = model._meta.pk
        assert isinstance(pk, models.UUIDField)
        assert pk.default.__name__ == "uuid4"
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateField | models.TimeField), field
            if field.is_relation:
                assert field.related_model in {Election, Ballot, workflow.Candidacy}, field
            assert field.name not in {"user", "person", "organisation", "session", "elector"}
        assert not hasattr(model, "history")
    # Nothing points at a ballot but its own choices, and the record of who voted knows no ballot.
    pointing = {rel.related_model for rel in Ballot._meta.related_objects if rel.related_model}
    assert pointing == {BallotChoice}
    assert not any(
        f.is_relation and f.related_model in {Ballot, BallotChoice}
        for f in Participation._meta.concrete_fields
    )


def test_ballots_cannot_be_changed_or_deleted(contest, agent, delegate):
    election, community, _others = contest
    election = open_vote(election, agent)
    workflow.cast(election, delegate.person, {"community": community[:1]})
    workflow.move(election, ElectionState.COUNTED, agent)  # the pool is emptied into the box
    ballot = Ballot.objects.get()

    with pytest.raises(ValidationError):
        ballot.save()
    with pytest.raises(ValidationError):
        ballot.delete()
    with pytest.raises(ValidationError):
        Ballot.objects.all().delete()
    with pytest.raises(ValidationError):
        BallotChoice.objects.update(candidacy=community[1])
    assert BallotChoice.objects.get().candidacy == community[0]


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (lambda c, o: {"community": c[:3]}, "au plus 2"),
        (lambda c, o: {"community": o[:1]}, "ne se présente pas"),
        (lambda c, o: {"autre": []}, "Il n’y a pas de vote"),
    ],
)
def test_bad_ballots_are_refused_and_change_nothing(contest, agent, delegate, selection, message):
    election, community, others = contest
    election = open_vote(election, agent)

    with pytest.raises(ElectionError, match=message):
        workflow.cast(election, delegate.person, selection(community, others))

    assert not Ballot.objects.exists()
    assert not Participation.objects.exists()


def test_unconfirmed_candidacies_are_not_on_the_ballot(contest, agent, delegate):
    election, community, _others = contest
    community[2].status = CandidacyStatus.PROPOSED
    community[2].save()
    CandidacyFactory(election=election)  # still more candidates than seats: a contest
    election = open_vote(election, agent)

    with pytest.raises(ElectionError, match="ne se présente pas"):
        workflow.cast(election, delegate.person, {"community": [community[2]]})


def test_only_delegates_of_electors_vote_and_only_during_the_period(contest, agent, partner):
    election, _community, _others = contest
    election = open_vote(election, agent)

    with pytest.raises(ElectionError, match="délégué"):
        workflow.cast(election, partner.person, {})
    late = voter()  # an organisation that joined after the vote opened is no elector
    with pytest.raises(ElectionError, match="délégué"):
        workflow.cast(election, late, {})
    Election.objects.filter(pk=election.pk).update(
        voting_closes=timezone.localdate() - datetime.timedelta(days=1)
    )
    election.refresh_from_db()
    with pytest.raises(ElectionError, match="pas ouvert"):
        workflow.cast(election, voter(), {})


def test_a_blank_ballot_counts_as_blank(contest, agent, delegate):
    election, _community, _others = contest
    election = open_vote(election, agent)
    workflow.cast(election, delegate.person, {})
    workflow.move(election, ElectionState.COUNTED, agent)

    rows = {row.college: row for row in election.colleges.all()}
    assert rows["community"].ballots == 1
    assert rows["community"].blank == 1
    assert rows["institutional"].blank == 1


def _electorate(election, size):
    """`size` more organisations with delegates, before the vote opens."""
    return [voter() for _ in range(size)]


def test_count_elects_the_most_voted_in_each_college(contest, agent):
    election, community, others = contest
    delegates = _electorate(election, 5)
    election = open_vote(election, agent)
    a, b, c = community
    x, y, z = others
    ballots = [
        {"community": [a, b], "institutional": [x]},
        {"community": [a, c], "institutional": [x, y]},
        {"community": [a], "institutional": [z, y]},
        {"community": [b], "institutional": [y]},
        {},
    ]
    for person, ballot in zip(delegates, ballots, strict=True):
        workflow.cast(election, person, ballot)

    workflow.move(election, ElectionState.COUNTED, agent)

    for candidacy in (*community, *others):
        candidacy.refresh_from_db()
    assert [a.votes, b.votes, c.votes] == [3, 2, 1]
    assert [x.votes, y.votes, z.votes] == [2, 3, 1]
    assert [a.elected, b.elected, c.elected] == [True, True, False]
    assert [x.elected, y.elected, z.elected] == [True, True, False]
    rows = {row.college: row for row in election.colleges.all()}
    assert (rows["community"].ballots, rows["community"].blank) == (5, 1)
    assert not rows["community"].tie


def test_a_tie_at_the_last_seat_blocks_publishing_until_broken(contest, agent):
    election, community, others = contest
    delegates = _electorate(election, 2)
    election = open_vote(election, agent)
    a, b, c = community
    workflow.cast(election, delegates[0], {"community": [a, b]})
    workflow.cast(election, delegates[1], {"community": [a, c]})
    workflow.move(election, ElectionState.COUNTED, agent)
    row = election.colleges.get(college="community")
    for candidacy in community:
        candidacy.refresh_from_db()
    assert row.tie
    assert row.tie_pending
    assert (a.elected, b.elected, c.elected) == (True, None, None)
    assert b.tied
    assert c.tied
    assert not a.tied

    with pytest.raises(ElectionError, match="égalité"):
        workflow.move(election, ElectionState.PUBLISHED, agent)
    with pytest.raises(ElectionError, match="exactement 1"):
        workflow.break_tie(row, [b, c], "draw", "Tirage", agent)
    workflow.break_tie(row, [c], "draw", "Tirage au sort par la présidence", agent)
    # The institutional college is tied too (no votes at all): 3 tied for 2 seats.
    inst = election.colleges.get(college="institutional")
    assert inst.tie
    workflow.break_tie(inst, others[:2], "second_round", "Second tour", agent)
    workflow.move(election, ElectionState.PUBLISHED, agent)

    for candidacy in community:
        candidacy.refresh_from_db()
    assert (a.elected, b.elected, c.elected) == (True, False, True)
    row.refresh_from_db()
    assert row.tie_method == "draw"
    assert row.tie_broken_by == agent


def test_a_college_with_no_more_candidates_than_seats_is_acclaimed(territory, agent, delegate):
    election = ElectionFactory(seats={"community": 2, "institutional": 2})
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    community = [CandidacyFactory(election=election) for _ in range(2)]
    others = [CandidacyFactory(election=election, organisation=institutional()) for _ in range(3)]
    election = open_vote(election, agent)

    assert [row.college for row in workflow.ballot_colleges(election)] == ["institutional"]
    with pytest.raises(ElectionError):
        workflow.cast(election, delegate.person, {"community": community[:1]})
    workflow.cast(election, delegate.person, {"institutional": others[:2]})
    workflow.move(election, ElectionState.COUNTED, agent)

    row = election.colleges.get(college="community")
    assert row.acclaimed
    assert row.ballots is None
    for candidacy in community:
        candidacy.refresh_from_db()
        assert candidacy.elected
        assert candidacy.votes is None


def test_the_mrc_minimum_replaces_the_least_voted_and_says_so(territory, agent):
    election = ElectionFactory(seats={"community": 2}, mrc_minimum=1)
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    west = [
        CandidacyFactory(election=election, organisation=OrganisationFactory(mrc="charlevoix"))
        for _ in range(2)
    ]
    east = CandidacyFactory(
        election=election, organisation=OrganisationFactory(mrc="charlevoix-est")
    )
    delegates = _electorate(election, 3)
    election = open_vote(election, agent)
    workflow.cast(election, delegates[0], {"community": west})
    workflow.cast(election, delegates[1], {"community": [west[0], east]})
    workflow.cast(election, delegates[2], {"community": west})

    workflow.move(election, ElectionState.COUNTED, agent)

    for candidacy in (*west, east):
        candidacy.refresh_from_db()
    assert [west[0].votes, west[1].votes, east.votes] == [3, 2, 1]
    assert (west[0].elected, west[1].elected, east.elected) == (True, False, True)
    assert east.by_mrc_minimum
    election.refresh_from_db()
    assert str(east.person) in election.mrc_note
    assert str(west[1].person) in election.mrc_note


def test_candidacies_need_a_member_organisation_and_the_delegates_confirmation(
    territory, agent, delegate
):
    election = ElectionFactory()
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    person = PersonFactory()
    gone = OrganisationFactory(is_active=False)
    AffiliationFactory(person=person, organisation=gone)
    AffiliationFactory(person=person, organisation=territory["organisation"])

    with pytest.raises(ElectionError, match="membre active"):
        workflow.propose(election, person, gone)
    with pytest.raises(ElectionError, match="appartenir"):
        workflow.propose(election, PersonFactory(), territory["organisation"])
    candidacy = workflow.propose(election, person, territory["organisation"], "Présente!")
    with pytest.raises(ElectionError, match="déjà"):
        workflow.propose(election, person, territory["organisation"])
    with pytest.raises(ElectionError, match="délégué"):
        workflow.confirm(candidacy, person)
    workflow.confirm(candidacy, delegate.person)

    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.CONFIRMED
    assert candidacy.college == "community"
    assert candidacy.confirmed_by == delegate.person


def test_candidates_withdraw_only_before_the_vote(contest, agent):
    election, community, _others = contest
    workflow.withdraw(community[0])
    open_vote(election, agent)
    community[1].election.refresh_from_db()

    with pytest.raises(ElectionError, match="jusqu’à"):
        workflow.withdraw(community[1])
    community[0].refresh_from_db()
    assert community[0].status == CandidacyStatus.WITHDRAWN


def test_paper_counts_need_a_second_agent_before_publishing(territory, agent):
    election = ElectionFactory(mode=VotingMode.PAPER, seats={"community": 1})
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    a, b = CandidacyFactory(election=election), CandidacyFactory(election=election)
    election = open_vote(election, agent)
    second = adoc_agent(territory, "second@example.org")
    row = election.colleges.get()

    with pytest.raises(ElectionError, match="d’abord"):
        workflow.move(election, ElectionState.COUNTED, agent)
    workflow.enter_paper_counts(election, {row: (4, 1, 0)}, {a: 2, b: 1}, agent)
    with pytest.raises(ElectionError, match="autre"):
        workflow.confirm_paper_counts(election, agent)
    workflow.move(election, ElectionState.COUNTED, agent)
    with pytest.raises(ElectionError, match="deuxième"):
        workflow.move(election, ElectionState.PUBLISHED, agent)
    workflow.confirm_paper_counts(election, second)
    workflow.move(election, ElectionState.PUBLISHED, agent)

    a.refresh_from_db()
    b.refresh_from_db()
    row.refresh_from_db()
    assert (a.votes, a.elected, b.votes, b.elected) == (2, True, 1, False)
    assert (row.ballots, row.blank, row.spoiled) == (4, 1, 0)
    election.refresh_from_db()
    assert election.paper_confirmed_by == second


def test_the_database_refuses_a_confirmation_by_the_agent_who_entered(territory, agent):
    election = ElectionFactory(mode=VotingMode.PAPER, paper_entered_by=agent)

    with pytest.raises(IntegrityError), transaction.atomic():
        Election.objects.filter(pk=election.pk).update(paper_confirmed_by=agent)


def test_continuing_members_count_in_the_comites_balance(territory, agent):
    from elections.results import balance

    election = ElectionFactory()
    SeatFactory(
        body=territory["council"],
        organisation=OrganisationFactory(mrc="charlevoix-est"),
        ends=election.held_on + datetime.timedelta(days=300),
    )
    SeatFactory(body=territory["council"], ends=election.held_on)  # ends at this assembly

    result = balance(election, [])

    assert result["continuing"] == 1
    assert territory["council"].kind == BodyKind.COUNCIL


def test_verify_election_recounts_the_ballots_and_reports_a_difference(contest, agent, delegate):
    from io import StringIO

    from django.core.management import CommandError, call_command

    election, community, _others = contest
    election = open_vote(election, agent)
    workflow.cast(election, delegate.person, {"community": community[:2]})
    workflow.move(election, ElectionState.COUNTED, agent)
    out = StringIO()

    call_command("verify_election", election.pk, stdout=out)
    assert "1 bulletins" in out.getvalue() or "1 ballots" in out.getvalue()
    workflow.Candidacy.objects.filter(pk=community[0].pk).update(votes=7)
    with pytest.raises(CommandError):
        call_command("verify_election", election.pk, stdout=out, stderr=StringIO())


def test_publishing_ends_the_seats_the_elected_replace(territory, agent, delegate):
    from elections.forms import TransitionForm

    council, days = territory["council"], datetime.timedelta
    election = ElectionFactory(seats={"community": 1})
    held_on = election.held_on
    ending = SeatFactory(body=council, mode=SeatMode.ELECTED, ends=held_on + days(10))
    gone = SeatFactory(body=council, mode=SeatMode.ELECTED, ends=held_on - days(1))
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    winner, _loser = CandidacyFactory(election=election), CandidacyFactory(election=election)
    election = open_vote(election, agent)
    workflow.cast(election, delegate.person, {"community": [winner]})
    workflow.move(election, ElectionState.COUNTED, agent)

    form = TransitionForm(election=election, target=ElectionState.PUBLISHED)
    assert form.fields["replaced"].initial == [ending.pk]
    with pytest.raises(ElectionError):
        workflow.move(election, ElectionState.PUBLISHED, agent, replaced=[gone])
    workflow.move(election, ElectionState.PUBLISHED, agent, replaced=[ending])

    ending.refresh_from_db()
    assert ending.ends == held_on - days(1)
    assert Seat.objects.get(body=council, person=winner.person).starts == held_on


def test_a_by_election_replaces_nobody_by_default(territory, agent):
    from elections.forms import TransitionForm

    election = ElectionFactory(seats={"community": 1})
    for _ in range(2):
        SeatFactory(
            body=territory["council"],
            mode=SeatMode.ELECTED,
            ends=election.held_on + datetime.timedelta(days=10),
        )

    form = TransitionForm(election=election, target=ElectionState.PUBLISHED)

    assert not form.fields["replaced"].initial
    assert form.fields["replaced"].queryset.count() == 2


def test_a_delegate_of_two_organisations_votes_for_each(contest, agent):
    election, community, _others = contest
    person = voter()
    second = OrganisationFactory()
    RepresentationFactory(organisation=second, person=person, kind=RepresentationKind.DELEGATE)
    election = open_vote(election, agent)

    workflow.cast(election, person, {"community": community[:1]})
    workflow.cast(election, person, {"community": community[1:2]})

    with pytest.raises(ElectionError, match="déjà voté"):
        workflow.cast(election, person, {})
    assert Participation.objects.filter(cast_by=person).count() == 2
