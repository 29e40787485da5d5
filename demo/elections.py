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
    Candidacy,
    CandidacyStatus,
    Election,
    ElectionCollege,
    ElectionState,
    Elector,
    Participation,
    Transition,
)
from governance.models import (
    Body,
    BodyKind,
    College,
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
    person = Person.objects.get(email=email)
    organisation = Organisation.objects.get(slug=slug)
    delegate = (
        Representation.objects.current()
        .filter(organisation=organisation, kind=RepresentationKind.DELEGATE)
        .first()
    )
    return Candidacy.objects.create(
        election=election,
        person=person,
        organisation=organisation,
        statement=statement,
        status=status,
        confirmed_by=delegate.person if delegate and status == CandidacyStatus.CONFIRMED else None,
    )


def _freeze_electors(election):
    return Elector.objects.bulk_create(
        Elector(election=election, organisation=organisation)
        for organisation in Organisation.objects.active().order_by("slug")
    )


def _history(election, agent, steps):
    for source, target, day in steps:
        transition = Transition.objects.create(
            election=election, source=source, target=target, by=agent
        )
        Transition.objects.filter(pk=transition.pk).update(
            at=datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
        )


def _past(assembly, agent, now, created):
    held_on = council_elections(now)["recent"]
    election, is_new = _election(
        assembly,
        PAST,
        held_on,
        {"state": ElectionState.PUBLISHED},
        {College.COMMUNITY: 2, College.INSTITUTIONAL: 2},
        created,
    )
    if not is_new:
        return
    candidacies = [
        (_candidacy(election, email, slug, CandidacyStatus.CONFIRMED), share)
        for email, slug, share in PAST_CANDIDATES
    ]
    electors = _freeze_electors(election)
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
    marks = [{College.COMMUNITY: [], College.INSTITUTIONAL: []} for _ in voters]
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
    workflow.count(election)
    created["Ballot"] += len(ballots)
    _history(
        election,
        agent,
        [
            (
                ElectionState.PREPARATION,
                ElectionState.NOMINATIONS,
                held_on - datetime.timedelta(60),
            ),
            (ElectionState.NOMINATIONS, ElectionState.VOTING, held_on - datetime.timedelta(14)),
            (ElectionState.VOTING, ElectionState.COUNTED, held_on),
            (ElectionState.COUNTED, ElectionState.PUBLISHED, held_on),
        ],
    )


def _by_election(assembly, agent, now, created):
    held_on = now + datetime.timedelta(days=10)
    election, is_new = _election(
        assembly,
        BY_ELECTION,
        held_on,
        {"voting_opens": now - datetime.timedelta(days=2), "term_years": 1},
        {College.COMMUNITY: 1},
        created,
    )
    if not is_new:
        return
    for email, slug, status in BY_ELECTION_CANDIDATES:
        _candidacy(election, email, slug, status)
    _history(
        election,
        agent,
        [
            (ElectionState.PREPARATION, ElectionState.NOMINATIONS, now - datetime.timedelta(40)),
            (ElectionState.NOMINATIONS, ElectionState.VOTING, now - datetime.timedelta(2)),
        ],
    )
    _freeze_electors(election)
    election.state = ElectionState.VOTING
    election.save(update_fields=["state"])


def _next(assembly, agent, now, created):
    held_on = add_years(council_elections(now)["earlier"], 2)
    election, is_new = _election(
        assembly,
        NEXT,
        held_on,
        {"nominations_open": now - datetime.timedelta(days=10), "mrc_minimum": 1},
        {College.COMMUNITY: 2, College.INSTITUTIONAL: 2},
        created,
    )
    if not is_new:
        return
    for email, slug, status in NEXT_CANDIDATES:
        _candidacy(election, email, slug, status)
    _history(
        election,
        agent,
        [(ElectionState.PREPARATION, ElectionState.NOMINATIONS, now - datetime.timedelta(10))],
    )
    election.state = ElectionState.NOMINATIONS
    election.save(update_fields=["state"])


def _cancelled(assembly, agent, now, created):
    held_on = council_elections(now)["recent"] + datetime.timedelta(days=150)
    election, is_new = _election(
        assembly,
        CANCELLED,
        held_on,
        {"state": ElectionState.CANCELLED, "cancel_reason": CANCEL_REASON, "term_years": 1},
        {College.COMMUNITY: 1},
        created,
    )
    if is_new:
        _history(
            election,
            agent,
            [
                (
                    ElectionState.PREPARATION,
                    ElectionState.NOMINATIONS,
                    held_on - datetime.timedelta(60),
                ),
                (
                    ElectionState.NOMINATIONS,
                    ElectionState.CANCELLED,
                    held_on - datetime.timedelta(24),
                ),
            ],
        )
        Transition.objects.filter(election=election, target=ElectionState.CANCELLED).update(
            note=CANCEL_REASON
        )


def _draft(assembly, now, created):
    _election(
        assembly,
        DRAFT,
        now + datetime.timedelta(days=150),
        {"term_years": 1},
        {College.INSTITUTIONAL: 1},
        created,
    )
