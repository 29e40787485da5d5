"""Votes and closing cannot race: a vote either counts, with its receipt, or is refused."""

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from elections import ballot_box, verification, workflow
from elections.models import (
    Ballot,
    BallotChoice,
    ElectionState,
    Participation,
    PendingBallot,
)
from elections.workflow import ElectionError
from tests.elections.test_secrecy import _delegate
from tests.factories import CandidacyFactory, ElectionFactory


def _open_election(adoc, voters=0, seats=2):
    election = ElectionFactory(seats={"community": seats})
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    running = [CandidacyFactory(election=election) for _ in range(3)]
    people = [_delegate()[1] for _ in range(voters)]
    election = workflow.move(election, ElectionState.VOTING, adoc)
    return election, running, people


def test_a_vote_arriving_after_the_count_is_refused_even_with_a_stale_election(
    territory, adoc, delegate
):
    election, running, _people = _open_election(adoc)
    stale = election  # the page was loaded while voting was open
    workflow.move(election, ElectionState.COUNTED, adoc)

    with pytest.raises(ElectionError, match="pas ouvert"):
        workflow.cast(stale, delegate.person, {"community": running[:1]})

    assert not Participation.objects.filter(elector__election=election).exists()
    assert not PendingBallot.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_votes_cast_while_the_agent_closes_all_count_or_are_refused(territory, adoc):
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need PostgreSQL (SQLite locks the whole file).")
    election, running, people = _open_election(adoc, voters=24)
    barrier = threading.Barrier(len(people) + 1)
    receipts, refused, lock = [], [], threading.Lock()

    def vote(n, person):
        try:
            barrier.wait()
            time.sleep(0.012 * n)
            code = workflow.cast(election, person, {"community": [running[n % 3]]})
            with lock:
                receipts.append(code)
        except ElectionError:
            with lock:
                refused.append(person)
        finally:
            connection.close()

    def close():
        try:
            barrier.wait()
            time.sleep(0.012 * len(people) / 2)
            workflow.move(election, ElectionState.COUNTED, adoc)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(n, p)) for n, p in enumerate(people)]
    threads.append(threading.Thread(target=close))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    election.refresh_from_db()
    assert election.state == ElectionState.COUNTED
    assert len(receipts) + len(refused) == len(people)
    assert receipts  # the close did land in the middle of the votes
    assert refused
    # Every receipt handed out is a ballot in the box, and counted.
    assert all(
        Ballot.objects.filter(election=election, receipt_hash=workflow.receipt_hash(c)).exists()
        for c in receipts
    )
    assert Ballot.objects.filter(election=election).count() == len(receipts)
    assert Participation.objects.filter(elector__election=election).count() == len(receipts)
    assert not PendingBallot.objects.filter(election=election).exists()
    assert sum(row.ballots for row in election.colleges.all()) == len(receipts)
    assert verification.differences(election) == []


def test_the_database_refuses_to_change_a_ballot_and_to_touch_a_closed_box(
    territory, adoc, delegate
):
    election, running, _people = _open_election(adoc)
    workflow.cast(election, delegate.person, {"community": running[:1]})
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE elections_pendingballot SET sealed = 'x'")
    workflow.move(election, ElectionState.COUNTED, adoc)
    ballot = Ballot.objects.get()
    statements = [
        ("UPDATE elections_ballot SET receipt_hash = 'x'", []),
        ("DELETE FROM elections_ballotchoice", []),
        ("DELETE FROM elections_ballot", []),
        (
            "INSERT INTO elections_ballotchoice (id, ballot_id, candidacy_id) VALUES (%s, %s, %s)",
            ["0" * 32, ballot.pk.hex, running[1].pk],
        ),
        (
            "INSERT INTO elections_pendingballot (id, election_id, receipt_hash, sealed) "
            "VALUES (%s, %s, 'y', 'z')",
            ["1" * 32, election.pk],
        ),
    ]
    for statement, parameters in statements:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, parameters)
    assert BallotChoice.objects.get().candidacy == running[0]
    assert ballot_box.ballots_cast(election) == 1
