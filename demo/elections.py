"""Demo elections, one in each state: the past one that elected the comité's recent cohort
(published, with its stored ballots), a cancelled by-election, a by-election open for voting
now, the next election in nominations and a draft only the ADOC team sees."""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from demo.data.elections import (
    AGENT,
    BY_ELECTION,
    BY_ELECTION_CANDIDATES,
    CANCEL_REASON,
    CANCELLED,
    DRAFT,
    NEXT,
    NEXT_CANDIDATES,
    PAST,
    PAST_CANDIDATES,
    PAST_STATEMENT,
    TURNOUT,
)
from demo.territory import add_years, council_elections, upsert
from elections import workflow
from elections.models import (
    Ballot,
    BallotChoice,
    CandidacyStatus,
    Election,
    ElectionCollege,
    ElectionState,
    Participation,
    Transition,
)
from governance.models import (
    Body,
    BodyKind,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
)
from infrastructure.periods import today


def load_elections(created=None):
    """Create the three demo elections if missing, or bring their dates up to today; returns a
    Counter of the rows created. Needs demo.territory.load_territory() first."""
    created = Counter() if created is None else created
    assembly = Body.objects.filter(kind=BodyKind.ASSEMBLY).first()
    agent = get_user_model().objects.filter(email=AGENT).first()
    if assembly is None or agent is None:
        return created
    now = today()
    with transaction.atomic():
        _past(assembly, agent, now, created)
        _by_election(assembly, agent, now, created)
        _next(assembly, agent, now, created)
        _cancelled(assembly, agent, now, created)
        _draft(assembly, now, created)
    return created


def _election(assembly, title, held_on, values, seats, created):
    before = created["Election"]
    election = upsert(
        Election,
        {"title": title},
        {
            "assembly": assembly,
            "held_on": held_on,
            "nominations_open": held_on - datetime.timedelta(days=60),
            "nominations_close": held_on - datetime.timedelta(days=25),
            "voting_opens": held_on - datetime.timedelta(days=14),
            "voting_closes": held_on,
            **values,
        },
        created,
    )
    is_new = created["Election"] > before
    if is_new:
        for college, number in seats.items():
            ElectionCollege.objects.create(election=election, college=college, seats=number)
    return election, is_new


def _candidacy(election, email, slug, status, statement=PAST_STATEMENT):
    """A candidacy as the portal takes it: proposed, then confirmed by the organisation's
    delegate or withdrawn (election.workflow)."""
    person = Person.objects.get(email=email)
    organisation = Organisation.objects.get(slug=slug)
    candidacy = workflow.propose(election, person, organisation, statement)
    if status == CandidacyStatus.CONFIRMED:
        delegate = (
            Representation.objects.current()
            .filter(organisation=organisation, kind=RepresentationKind.DELEGATE)
            .select_related("person")
            .first()
        )
        workflow.confirm(candidacy, delegate.person)
    elif status == CandidacyStatus.WITHDRAWN:
        workflow.withdraw(candidacy)
    return candidacy


def _move(election, target, agent, day, note=""):
    """Take `election` one step (election.workflow.move), recorded as taken on `day`."""
    workflow.move(election, target, agent, note=note)
    Transition.objects.filter(election=election, target=target).update(
        at=datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
    )
    election.refresh_from_db()


def _past(assembly, agent, now, created):
    held_on = council_elections(now)["recent"]
    election, is_new = _election(
        assembly,
        PAST,
        held_on,
        {},
        {"community": 2, "institutional": 2},
        created,
    )
    if not is_new:
        return
    candidacies = [
        (_candidacy(election, email, slug, CandidacyStatus.CONFIRMED), share)
        for email, slug, share in PAST_CANDIDATES
    ]
    _move(election, ElectionState.NOMINATIONS, agent, held_on - datetime.timedelta(60))
    _move(election, ElectionState.VOTING, agent, held_on - datetime.timedelta(14))
    # The ballots are written here rather than through workflow.cast, which takes votes only
    # while voting is open, today: this election's voting closed ten months ago.
    electors = list(election.electors.order_by("organisation__slug"))
    delegates = dict(
        Representation.objects.current()
        .filter(kind=RepresentationKind.DELEGATE)
        .values_list("organisation", "person")
    )
    voters = [e for e in electors if e.organisation_id in delegates]
    voters = voters[: round(len(voters) * TURNOUT)]
    Participation.objects.bulk_create(
        Participation(elector=e, cast_by_id=delegates[e.organisation_id]) for e in voters
    )
    # Deal each candidate's votes to the ballots with the fewest names in their college.
    marks = [{"community": [], "institutional": []} for _ in voters]
    for candidacy, share in candidacies:
        ballots = sorted(
            (b for b in marks if len(b[candidacy.college]) < 2),
            key=lambda b: len(b[candidacy.college]),
        )
        for ballot in ballots[: round(len(voters) * share)]:
            ballot[candidacy.college].append(candidacy)
    ballots = Ballot.objects.bulk_create(
        Ballot(election=election, receipt_hash=workflow.receipt_hash(workflow.new_receipt_code()))
        for _ in marks
    )
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, candidacy=candidacy)
        for ballot, chosen in zip(ballots, marks, strict=True)
        for names in chosen.values()
        for candidacy in names
    )
    created["Ballot"] += len(ballots)
    _move(election, ElectionState.COUNTED, agent, held_on)
    # Published without workflow.move: publishing seats the elected on the comité, and
    # demo.territory already seats this cohort (COUNCIL_SEATS, "recent"): they would sit twice.
    Election.objects.filter(pk=election.pk).update(
        state=ElectionState.PUBLISHED, version=election.version + 1
    )
    Transition.objects.create(
        election=election, source=ElectionState.COUNTED, target=ElectionState.PUBLISHED, by=agent
    )
    Transition.objects.filter(election=election, target=ElectionState.PUBLISHED).update(
        at=datetime.datetime.combine(held_on, datetime.time(10), tzinfo=datetime.UTC)
    )


def _by_election(assembly, agent, now, created):
    held_on = now + datetime.timedelta(days=10)
    election, is_new = _election(
        assembly,
        BY_ELECTION,
        held_on,
        {"voting_opens": now - datetime.timedelta(days=2), "term_years": 1},
        {"community": 1},
        created,
    )
    if not is_new:
        return
    for email, slug, status in BY_ELECTION_CANDIDATES:
        _candidacy(election, email, slug, status)
    _move(election, ElectionState.NOMINATIONS, agent, now - datetime.timedelta(40))
    _move(election, ElectionState.VOTING, agent, now - datetime.timedelta(2))


def _next(assembly, agent, now, created):
    held_on = add_years(council_elections(now)["earlier"], 2)
    election, is_new = _election(
        assembly,
        NEXT,
        held_on,
        {"nominations_open": now - datetime.timedelta(days=10), "mrc_minimum": 1},
        {"community": 2, "institutional": 2},
        created,
    )
    if not is_new:
        return
    for email, slug, status in NEXT_CANDIDATES:
        _candidacy(election, email, slug, status)
    _move(election, ElectionState.NOMINATIONS, agent, now - datetime.timedelta(10))


def _cancelled(assembly, agent, now, created):
    held_on = council_elections(now)["recent"] + datetime.timedelta(days=150)
    election, is_new = _election(
        assembly,
        CANCELLED,
        held_on,
        {"term_years": 1},
        {"community": 1},
        created,
    )
    if is_new:
        _move(election, ElectionState.NOMINATIONS, agent, held_on - datetime.timedelta(60))
        _move(
            election,
            ElectionState.CANCELLED,
            agent,
            held_on - datetime.timedelta(24),
            note=CANCEL_REASON,
        )


def _draft(assembly, now, created):
    _election(
        assembly,
        DRAFT,
        now + datetime.timedelta(days=150),
        {"term_years": 1},
        {"institutional": 1},
        created,
    )
