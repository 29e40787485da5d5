"""A fast bulk generator: grows the demo territory to `scale` times its size.

The alliance keeps its bodies; what grows is what grows in real life: organisations, people,
their affiliations, the history of who represented whom, and past seats on every body.
Run after `load_demo`: `python -m bench.generate SCALE` (with DJANGO_SETTINGS_MODULE set).
"""

import datetime
import itertools
import sys

import django

ORGANISATIONS_PER_SCALE = 30
PEOPLE_PER_ORGANISATION = 5
PAST_SEATS_PER_BODY_PER_SCALE = 8
MEETINGS_PER_SCALE = 50  # ×100: 5,000 meetings
ITEMS_PER_MEETING = 5
ATTENDANCE_PER_MEETING = 10
BALLOTS_PER_SCALE = 1000  # ×100: about 100,000 ballots, in past elections of the comité
CANDIDATES_PER_COLLEGE = 12
NAMES_PER_BALLOT = 3


def grow(scale):
    from django.db import transaction

    from governance.models import (
        MRC,
        Affiliation,
        Body,
        College,
        Organisation,
        Person,
        Representation,
        RepresentationKind,
        Seat,
        SeatMode,
        Sector,
    )

    count = ORGANISATIONS_PER_SCALE * (scale - 1)
    if count <= 0:
        return {}
    sectors, colleges, mrcs = (
        itertools.cycle(Sector),
        itertools.cycle(College),
        itertools.cycle(MRC),
    )
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            (
                Organisation(
                    name=f"Organisme d'essai {number:05}",
                    slug=f"organisme-essai-{number:05}",
                    sector=next(sectors),
                    college=next(colleges),
                    mrc=next(mrcs),
                    description="Organisme fictif créé pour le banc d'essai.",
                    joined=datetime.date(2010, 1, 1) + datetime.timedelta(days=number % 5000),
                )
                for number in range(count)
            ),
            batch_size=1000,
        )
        people = Person.objects.bulk_create(
            (
                Person(
                    first_name=f"Prénom{number}",
                    last_name=f"Nom{number:06}",
                    email=f"essai{number}@example.org",
                    show_email=number % 2 == 0,
                )
                for number in range(count * PEOPLE_PER_ORGANISATION)
            ),
            batch_size=1000,
        )
        members = {
            organisation: people[i * PEOPLE_PER_ORGANISATION : (i + 1) * PEOPLE_PER_ORGANISATION]
            for i, organisation in enumerate(organisations)
        }
        Affiliation.objects.bulk_create(
            (
                Affiliation(person=person, organisation=organisation, starts=organisation.joined)
                for organisation, persons in members.items()
                for person in persons
            ),
            batch_size=1000,
        )
        today = datetime.date.today()
        representations = []
        for organisation, persons in members.items():
            representations += [
                Representation(
                    organisation=organisation,
                    person=persons[2],
                    kind=RepresentationKind.DELEGATE,
                    starts=organisation.joined,
                    ends=today - datetime.timedelta(days=400),
                ),
                Representation(
                    organisation=organisation,
                    person=persons[0],
                    kind=RepresentationKind.DELEGATE,
                    starts=today - datetime.timedelta(days=399),
                ),
                Representation(
                    organisation=organisation,
                    person=persons[1],
                    kind=RepresentationKind.SUBSTITUTE,
                    starts=today - datetime.timedelta(days=399),
                ),
            ]
        Representation.objects.bulk_create(representations, batch_size=1000)
        pairs = itertools.cycle(
            (person, organisation)
            for organisation, persons in members.items()
            for person in persons
        )
        seats = []
        for body in Body.objects.all():
            for number in range(PAST_SEATS_PER_BODY_PER_SCALE * (scale - 1)):
                person, organisation = next(pairs)
                ends = today - datetime.timedelta(days=30 + 10 * number)
                seats.append(
                    Seat(
                        body=body,
                        person=person,
                        organisation=organisation,
                        college=organisation.college,
                        mrc=organisation.mrc,
                        mode=SeatMode.ELECTED,
                        starts=ends - datetime.timedelta(days=730),
                        ends=ends,
                    )
                )
        Seat.objects.bulk_create(seats, batch_size=1000)
        meetings = grow_meetings(scale, people)
        elections, ballots = grow_elections(scale, members)
    return {
        "meetings": meetings,
        "published elections": elections,
        "ballots": ballots,
        "organisations": len(organisations),
        "people": len(people),
        "representations": len(representations),
        "past seats": len(seats),
    }


def grow_meetings(scale, people):
    """Past meetings of every body, with agenda items and minutes, attendance and decisions."""
    from django.utils import timezone

    from governance.models import Body
    from meetings.models import AgendaItem, Attendance, Decision, Meeting, MeetingStatus

    bodies = itertools.cycle(Body.objects.all())
    now = timezone.now()
    count = MEETINGS_PER_SCALE * (scale - 1)
    meetings = Meeting.objects.bulk_create(
        (
            Meeting(
                body=next(bodies),
                title=f"Rencontre d'essai {number}",
                starts=now - datetime.timedelta(days=30 + number % 3000, hours=number % 7),
                ends=now - datetime.timedelta(days=30 + number % 3000, hours=number % 7 - 2),
                place="Salle d'essai",
                status=MeetingStatus.HELD,
                published_at=now,
            )
            for number in range(count)
        ),
        batch_size=1000,
    )
    items = AgendaItem.objects.bulk_create(
        (
            AgendaItem(
                meeting=meeting,
                position=position,
                title=f"Point {position}",
                minutes="Procès-verbal d'essai : la discussion porte sur le plan d'action.",
            )
            for meeting in meetings
            for position in range(1, ITEMS_PER_MEETING + 1)
        ),
        batch_size=1000,
    )
    Attendance.objects.bulk_create(
        (
            Attendance(meeting=meeting, person=person, capacity="member", voting=True)
            for number, meeting in enumerate(meetings)
            for person in people[number % 50 : number % 50 + ATTENDANCE_PER_MEETING]
        ),
        batch_size=1000,
    )
    Decision.objects.bulk_create(
        (
            Decision(
                meeting=meeting,
                item=items[number * ITEMS_PER_MEETING],
                number=f"ESSAI-{number:06}",
                title=f"Décision d'essai {number}",
                text="Texte de la résolution d'essai.",
            )
            for number, meeting in enumerate(meetings)
        ),
        batch_size=1000,
    )
    return len(meetings)


def grow_elections(scale, members):
    """Past published elections of the comité conseil, in which every active organisation
    voted through its delegate: about BALLOTS_PER_SCALE × scale ballots in all, counted."""
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
    )
    from governance.models import Body, BodyKind, Organisation

    assembly = Body.objects.get(kind=BodyKind.ASSEMBLY)
    organisations = list(Organisation.objects.active().order_by("pk"))
    generated = list(members)
    wanted = BALLOTS_PER_SCALE * (scale - 1)
    number = -(-wanted // len(organisations))
    first = Election.objects.order_by("held_on").values_list("held_on", flat=True).first()
    ballots = 0
    for index in range(number):
        held_on = (first or datetime.date.today()) - datetime.timedelta(days=365 * (index + 1))
        election = Election.objects.create(
            assembly=assembly,
            title=f"Élection d'essai {index + 1}",
            held_on=held_on,
            nominations_open=held_on - datetime.timedelta(days=60),
            nominations_close=held_on - datetime.timedelta(days=25),
            voting_opens=held_on - datetime.timedelta(days=14),
            voting_closes=held_on,
            # Open while its box is filled: the database refuses ballots in a closed election
            # (elections/locks.py); counted once they are in.
            state=ElectionState.VOTING,
        )
        running = {}
        for college in ("community", "institutional"):
            ElectionCollege.objects.create(election=election, college=college, seats=2)
            pool = [o for o in generated if o.college == college]
            candidates = {
                pool[(index * CANDIDATES_PER_COLLEGE + n) % len(pool)]
                for n in range(min(CANDIDATES_PER_COLLEGE, len(pool)))
            }
            running[college] = Candidacy.objects.bulk_create(
                Candidacy(
                    election=election,
                    person=members[organisation][3],
                    organisation=organisation,
                    college=college,
                    mrc=organisation.mrc,
                    status=CandidacyStatus.CONFIRMED,
                )
                for organisation in candidates
            )
        electors = Elector.objects.bulk_create(
            (Elector(election=election, organisation=o) for o in organisations), batch_size=1000
        )
        voters = [e for e in electors if e.organisation in members]
        Participation.objects.bulk_create(
            (Participation(elector=e, cast_by=members[e.organisation][0]) for e in voters),
            batch_size=1000,
        )
        box = Ballot.objects.bulk_create(
            (
                Ballot(election=election, receipt_hash=f"{index:08x}{n:056x}")
                for n in range(len(voters))
            ),
            batch_size=1000,
        )
        BallotChoice.objects.bulk_create(
            (
                BallotChoice(ballot=ballot, candidacy=names[(n * 7 + k * 5) % len(names)])
                for n, ballot in enumerate(box)
                for names in running.values()
                if names
                for k in range(min(NAMES_PER_BALLOT, len(names)))
            ),
            batch_size=5000,
        )
        Election.objects.filter(pk=election.pk).update(state=ElectionState.COUNTED)
        election.state = ElectionState.COUNTED
        workflow.count(election)
        Election.objects.filter(pk=election.pk).update(state=ElectionState.PUBLISHED)
        ballots += len(box)
    return number, ballots


def feed_paths(email):
    """The private calendar feed of `email`'s person and the comité conseil's feed."""
    from django.urls import reverse

    from governance.models import Body, BodyKind, Person
    from meetings.feeds import feed_of

    token = feed_of(Person.objects.get(user__email=email)).token
    council = Body.objects.filter(kind=BodyKind.COUNCIL).order_by("pk").first()
    return (
        reverse("meetings:feed-person", args=[token]),
        reverse("meetings:feed-body", args=[token, council.slug]),
    )


def results_path():
    """The results page of the published election with the most ballots."""
    from django.db.models import Count
    from django.urls import reverse

    from elections.models import Election

    election = (
        Election.objects.published().annotate(n=Count("ballots")).order_by("-n", "pk").first()
    )
    return reverse("elections:election-results", args=[election.pk])


def analyze():
    """Fresh planner statistics after the bulk load, as autovacuum would soon give a real
    database: without them PostgreSQL plans the bench's queries for empty tables."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "--results-path":
        print(results_path())
    elif sys.argv[1] == "--feed-paths":
        print(" ".join(feed_paths(sys.argv[2])))
    else:
        print(grow(int(sys.argv[1])))
        analyze()
