import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from elections import workflow
from elections.models import (
    Ballot,
    BallotChoice,
    Candidacy,
    CandidacyStatus,
    Election,
    ElectionCollege,
    ElectionState,
)
from governance.models import Body, BodyKind, College, Organisation, Person


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Time the count of an online election with many ballots (in a transaction rolled back "
        "at the end: nothing stays in the database). A benchmark, not a test."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ballots", type=int, default=100_000)
        parser.add_argument("--candidates", type=int, default=40)

    def handle(self, *args, ballots, candidates, **options):
        try:
            with transaction.atomic():
                self._run(ballots, candidates)
                raise Rollback
        except Rollback:
            pass

    def _run(self, size, candidates):
        import datetime

        today = datetime.date.today()
        assembly = Body.objects.filter(kind=BodyKind.ASSEMBLY).first() or Body.objects.create(
            name="Bench assembly", slug="bench-assembly", kind=BodyKind.ASSEMBLY, summary="-"
        )
        election = Election.objects.create(
            assembly=assembly,
            title="Bench",
            held_on=today,
            nominations_open=today,
            nominations_close=today,
            voting_opens=today,
            voting_closes=today,
            state=ElectionState.VOTING,
        )
        colleges = list(College)
        for college in colleges:
            ElectionCollege.objects.create(election=election, college=college, seats=4)
        organisation = Organisation.objects.create(
            name="Bench org",
            slug="bench-org",
            sector="other",
            college="community",
            mrc="both",
        )
        people = Person.objects.bulk_create(
            Person(first_name="B", last_name=str(n)) for n in range(candidates)
        )
        running = Candidacy.objects.bulk_create(
            Candidacy(
                election=election,
                person=person,
                organisation=organisation,
                college=colleges[n % len(colleges)],
                mrc="both",
                status=CandidacyStatus.CONFIRMED,
            )
            for n, person in enumerate(people)
        )
        started = time.perf_counter()
        box = Ballot.objects.bulk_create(
            (Ballot(election=election, receipt_hash=f"{n:064x}") for n in range(size)),
            batch_size=5000,
        )
        choices = (
            BallotChoice(ballot=ballot, candidacy=running[(n * 7 + k * 13) % candidates])
            for n, ballot in enumerate(box)
            for k in range(3)
        )
        BallotChoice.objects.bulk_create(choices, batch_size=5000)
        loaded = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # As autovacuum would have done by the end of a real vote: fresh planner statistics.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE elections_ballot, elections_ballotchoice")
        started = time.perf_counter()
        workflow.tally(election)
        tallied = time.perf_counter() - started
        started = time.perf_counter()
        workflow.count(election)
        counted = time.perf_counter() - started
        self.stdout.write(
            f"{size} ballots, {3 * size} marks, {candidates} candidates in {len(colleges)} "
            f"colleges: loaded in {loaded:.1f} s; tally (2 aggregate queries) "
            f"{tallied * 1000:.0f} ms, "
            f"whole count (tally, totals, decisions, saving) {counted * 1000:.0f} ms"
        )
