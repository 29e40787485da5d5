"""What the database refuses to change in the ballot box and the pool, whatever writes to it.

A ballot is never changed: its rows are only inserted, and deleted when the box or the pool is
rewritten in random order (elections/ballot_box.py) while voting is open. Once the election
leaves the « vote ouvert » state (counted, published, cancelled), its box and pool are frozen:
nothing is added, changed or deleted. The triggers are installed after every `migrate`
(infrastructure.record_lock); their names start with `frozen_`, which `drop_all` drops first.
"""

from dataclasses import dataclass

from elections.models import Ballot, BallotChoice, PendingBallot
from infrastructure.record_lock import install, triggers

ELECTION_CLOSED = (
    'EXISTS (SELECT 1 FROM "elections_election" e WHERE e."id" = {election} '
    "AND e.\"state\" <> 'voting')"
)


@dataclass
class BallotLock:
    model: type
    # SQL giving the row's election id, on {row} (NEW or OLD).
    election: str

    def tables(self):
        return {self.model._meta.db_table, "elections_election", "elections_ballot"}

    def statements(self, vendor):
        table = self.model._meta.db_table

        def closed(row):
            return ELECTION_CLOSED.format(election=self.election.format(row=row))

        return triggers(
            vendor,
            table,
            f"frozen_ballots_{table}",
            insert=closed("NEW"),
            update="1 = 1",
            delete=closed("OLD"),
        )


def locks():
    return [
        BallotLock(Ballot, '{row}."election_id"'),
        BallotLock(PendingBallot, '{row}."election_id"'),
        BallotLock(
            BallotChoice,
            '(SELECT b."election_id" FROM "elections_ballot" b WHERE b."id" = {row}."ballot_id")',
        ),
    ]


def install_locks(sender=None, using="default", **kwargs):
    """Connected to post_migrate."""
    install(locks(), using=using)
