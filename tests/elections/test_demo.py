"""The demo elections: one in each state, loaded twice without duplicates, recount clean."""

import io

import pytest
from django.core.management import call_command

from demo.elections import BY_ELECTION, PAST
from elections.models import Ballot, Candidacy, Election, ElectionState, Participation
from elections.workflow import elector_for
from governance.models import Person


@pytest.mark.django_db
def test_demo_elections_cover_every_state_and_load_twice():
    call_command("load_demo", "--force", stdout=io.StringIO())
    counts = [m.objects.count() for m in (Election, Candidacy, Ballot, Participation)]

    call_command("load_demo", "--force", stdout=io.StringIO())

    assert [m.objects.count() for m in (Election, Candidacy, Ballot, Participation)] == counts
    assert set(Election.objects.values_list("state", flat=True)) == set(ElectionState) - {
        ElectionState.COUNTED
    }
    past = Election.objects.get(title=PAST)
    assert past.ballots.count() == Participation.objects.filter(elector__election=past).count()
    call_command("verify_election", past.pk, stdout=io.StringIO())
    # The demo delegate can vote in the open by-election.
    by_election = Election.objects.get(title=BY_ELECTION)
    assert by_election.is_voting_open
    assert elector_for(by_election, Person.objects.get(email="delegue@example.org"))
