"""`manage.py verify_election` recounts everything and names each difference; publishing
refuses while the recount differs."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from elections import workflow
from elections.models import (
    Candidacy,
    Election,
    ElectionCollege,
    ElectionState,
    Participation,
    TieMethod,
)
from elections.workflow import ElectionError
from governance.models import Seat, SeatMode
from tests.elections.test_secrecy import _delegate
from tests.factories import CandidacyFactory, ElectionFactory, SeatFactory, institutional


def verify(election):
    """(exit status, what was written) of verify_election."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_election", election.pk, stdout=out, stderr=err)
    except CommandError as error:
        return 1, err.getvalue() + str(error)
    return 0, out.getvalue()


def _vote(election, adoc, votes):
    """Open the vote for as many new delegates as `votes` (one selection per voter,
    {college: [candidacies]}), who vote; returns the election."""
    people = [_delegate()[1] for _ in votes]
    election = workflow.move(election, ElectionState.VOTING, adoc)
    for person, selection in zip(people, votes, strict=True):
        workflow.cast(election, person, selection)
    return election


@pytest.fixture
def published(territory, adoc):
    """Published: community 2 seats (c0 3 votes, c1 2, c2 1), institutional 2 seats (i0 2,
    i1 1, i2 0), an MRC minimum of 1."""
    election = ElectionFactory(mrc_minimum=1)
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    c = [CandidacyFactory(election=election) for _ in range(3)]
    i = [CandidacyFactory(election=election, organisation=institutional()) for _ in range(3)]
    election = _vote(
        election,
        adoc,
        [
            {"community": [c[0], c[1]], "institutional": [i[0], i[1]]},
            {"community": [c[0], c[1]], "institutional": [i[0]]},
            {"community": [c[0], c[2]]},
        ],
    )
    workflow.move(election, ElectionState.COUNTED, adoc)
    workflow.move(election, ElectionState.PUBLISHED, adoc)
    return Election.objects.get(pk=election.pk), c, i


def _sql(statement, parameters=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, parameters)


TAMPERINGS = [
    (
        "votes",
        lambda e, c, i: Candidacy.objects.filter(pk=c[2].pk).update(votes=5),
        "5 votes consignés, 1 au recomptage",
    ),
    (
        "ballots of a college",
        lambda e, c, i: _sql(
            "UPDATE elections_electioncollege SET ballots = 4 WHERE election_id = %s "
            "AND college = 'institutional'",
            [e.pk],
        ),
        "4 bulletins et 1 blancs consignés",
    ),
    (
        "elected flags swapped",
        lambda e, c, i: (
            Candidacy.objects.filter(pk=c[1].pk).update(elected=False),
            Candidacy.objects.filter(pk=c[2].pk).update(elected=True),
        ),
        "est consignée comme élue; le recomptage ne l’élit pas",
    ),
    (
        "MRC minimum mark",
        lambda e, c, i: Candidacy.objects.filter(pk=i[0].pk).update(by_mrc_minimum=True),
        "minimum par MRC consigné ne correspond pas",
    ),
    (
        "MRC note",
        lambda e, c, i: Election.objects.filter(pk=e.pk).update(mrc_note="Minimum atteint."),
        "La note sur le minimum par MRC ne correspond pas au recomptage",
    ),
    (
        "acclamation",
        lambda e, c, i: ElectionCollege.objects.filter(election=e, college="community").update(
            acclaimed=True
        ),
        "l’acclamation consignée ne correspond pas",
    ),
    (
        "seat deleted",
        lambda e, c, i: Seat.objects.filter(person=c[0].person, mode=SeatMode.ELECTED).delete(),
        "créé à la publication pour",
    ),
    (
        "seat added",
        lambda e, c, i: SeatFactory(
            body=Seat.objects.filter(mode=SeatMode.ELECTED).first().body,
            person=c[2].person,
            organisation=c[2].organisation,
            mode=SeatMode.ELECTED,
            starts=e.held_on,
            ends=e.term_ends,
        ),
        "a été ajouté après la publication",
    ),
    (
        "seat moved in time",
        lambda e, c, i: Seat.objects.filter(person=i[0].person, mode=SeatMode.ELECTED).update(
            ends=e.held_on
        ),
        "n’occupe aucun siège au comité pour le mandat",
    ),
    (
        "a participation without a ballot",
        lambda e, c, i: Participation.objects.create(
            elector=e.electors.exclude(participations__isnull=False).first(),
            cast_by=c[0].person,
        ),
        "4 organisations ont voté, mais l’urne contient 3 bulletins",
    ),
    (
        "the record rewritten to match",
        lambda e, c, i: (
            Candidacy.objects.filter(pk=c[2].pk).update(votes=5),
            Election.objects.filter(pk=e.pk).update(
                results_record={
                    **e.results_record,
                    "candidacies": {
                        **e.results_record["candidacies"],
                        str(c[2].pk): {
                            **e.results_record["candidacies"][str(c[2].pk)],
                            "votes": 5,
                        },
                    },
                }
            ),
        ),
        "leur sceau ne correspond pas",
    ),
]


def test_an_untampered_election_verifies(published):
    election, _c, _i = published
    status, output = verify(election)
    assert status == 0, output
    assert "3 bulletins" in output


@pytest.mark.parametrize(
    ("tamper", "message"), [t[1:] for t in TAMPERINGS], ids=[t[0] for t in TAMPERINGS]
)
def test_each_tampering_is_caught_and_named(published, tamper, message):
    election, c, i = published
    tamper(election, c, i)

    status, output = verify(election)

    assert status == 1
    assert message in output, output
    assert "Le recomptage diffère des résultats consignés" in output


@pytest.fixture
def tied(territory, adoc):
    """Counted with a tie at the last community seat (c0 2, c1 1, c2 1), broken for c1."""
    election = ElectionFactory(seats={"community": 2})
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    c = [CandidacyFactory(election=election) for _ in range(3)]
    election = _vote(election, adoc, [{"community": [c[0], c[1]]}, {"community": [c[0], c[2]]}])
    workflow.move(election, ElectionState.COUNTED, adoc)
    row = election.colleges.get()
    assert row.tie_pending
    workflow.break_tie(row, [c[1]], TieMethod.DRAW, "Tirage au sort devant témoins.", adoc)
    return Election.objects.get(pk=election.pk), c


def test_a_recorded_tie_break_verifies_and_its_tampering_is_named(tied, adoc):
    election, _c = tied
    assert verify(election)[0] == 0
    workflow.move(election, ElectionState.PUBLISHED, adoc)
    assert verify(election)[0] == 0

    ElectionCollege.objects.filter(election=election).update(tie_note="Choisi par la présidence.")
    status, output = verify(election)
    assert status == 1
    assert "« façon dont l’égalité a été départagée » a été modifié" in output, output


def test_swapping_the_tie_break_winner_is_named(tied):
    election, c = tied
    Candidacy.objects.filter(pk=c[1].pk).update(elected=False)
    Candidacy.objects.filter(pk=c[2].pk).update(elected=True)

    status, output = verify(election)

    assert status == 1
    assert "n’est pas consignée comme élue; le recomptage l’élit" in output, output


def test_publishing_is_refused_while_the_recount_differs(territory, adoc):
    election = ElectionFactory(seats={"community": 1})
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    c = [CandidacyFactory(election=election) for _ in range(2)]
    election = _vote(election, adoc, [{"community": [c[0]]}])
    workflow.move(election, ElectionState.COUNTED, adoc)
    Candidacy.objects.filter(pk=c[0].pk).update(elected=False)
    Candidacy.objects.filter(pk=c[1].pk).update(elected=True)

    with pytest.raises(ElectionError, match="Le recomptage diffère"):
        workflow.move(election, ElectionState.PUBLISHED, adoc)

    election.refresh_from_db()
    assert election.state == ElectionState.COUNTED
    assert not Seat.objects.filter(person=c[1].person, mode=SeatMode.ELECTED).exists()


def test_a_paper_election_is_checked_against_its_confirmed_counts(territory, adoc):
    from elections.models import VotingMode
    from tests.conftest import adoc_agent

    election = ElectionFactory(mode=VotingMode.PAPER, seats={"community": 1})
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    a, b = CandidacyFactory(election=election), CandidacyFactory(election=election)
    election = workflow.move(election, ElectionState.VOTING, adoc)
    workflow.enter_paper_counts(election, {election.colleges.get(): (4, 0, 0)}, {a: 3, b: 1}, adoc)
    workflow.confirm_paper_counts(election, adoc_agent(territory, "second@example.org"))
    workflow.move(election, ElectionState.COUNTED, adoc)
    workflow.move(election, ElectionState.PUBLISHED, adoc)
    assert verify(election)[0] == 0

    Candidacy.objects.filter(pk=b.pk).update(votes=15)
    status, output = verify(election)

    assert status == 1
    assert "n’est pas consignée comme élue; le recomptage l’élit" in output, output
    assert "« votes » a été modifié" in output, output


def test_an_election_counted_before_sealing_is_sealed_only_if_the_recount_matches(published):
    election, c, _i = published
    Election.objects.filter(pk=election.pk).update(results_record=None, results_seal="")
    assert "leur sceau ne correspond pas" in verify(election)[1]
    Candidacy.objects.filter(pk=c[2].pk).update(votes=5)

    with pytest.raises(CommandError):
        call_command("verify_election", election.pk, "--seal-unsealed", stderr=StringIO())
    assert not Election.objects.get(pk=election.pk).results_seal

    Candidacy.objects.filter(pk=c[2].pk).update(votes=1)
    call_command("verify_election", election.pk, "--seal-unsealed", stdout=StringIO())
    assert verify(election)[0] == 0


def test_a_tie_winner_replaced_by_the_mrc_minimum_still_verifies(territory, adoc):
    from tests.factories import OrganisationFactory

    election = ElectionFactory(seats={"community": 2}, mrc_minimum=1)
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    c = [CandidacyFactory(election=election) for _ in range(2)]
    c.append(
        CandidacyFactory(election=election, organisation=OrganisationFactory(mrc="charlevoix-est"))
    )
    election = _vote(election, adoc, [{"community": [c[0], c[1]]}, {"community": [c[0], c[2]]}])
    workflow.move(election, ElectionState.COUNTED, adoc)
    # The ADOC team draws c1; the MRC minimum then gives c1's seat to c2 (Charlevoix-Est).
    workflow.break_tie(election.colleges.get(), [c[1]], TieMethod.DRAW, "Tirage.", adoc)
    assert list(Candidacy.objects.filter(elected=True).order_by("pk")) == [c[0], c[2]]

    assert verify(election)[0] == 0
    workflow.move(election, ElectionState.PUBLISHED, adoc)
    assert verify(election)[0] == 0
    # Swapping the winner of the draw is caught even so.
    Candidacy.objects.filter(pk=c[2].pk).update(elected=False, by_mrc_minimum=False)
    Candidacy.objects.filter(pk=c[1].pk).update(elected=True)
    assert verify(election)[0] == 1
