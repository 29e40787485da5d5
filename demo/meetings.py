"""Demo meetings: past and upcoming meetings of every body, with their records.

Each meeting is built the way the ADOC team would build it in the portal, through
meetings.workflow: created, its agenda drawn up, convened, held, its attendance, minutes and
records written, published, and its minutes adopted at the body's next meeting; or cancelled,
saying why. Past moves are dated in the past (`now=`), and nobody is emailed: the demo's people
are fictional and its convocations and publications are history (`notify=False`), so that
`make run`'s worker does not "send" hundreds of messages about meetings long over.

Dates are relative to the day of loading, so the demo always has a past and a future. A
meeting already present (same body and title, on the same day) is left as it is: loading twice
adds nothing.
"""

import datetime
from collections import Counter

from django.utils import timezone

from chantiers.models import Chantier
from chantiers.workflow import add_progress_items
from demo.data.meetings import (
    ADOC_AGENT,
    BASE_URL,
    DEFAULT_PLACE,
    DISCUSSION,
    INFORMATION,
    MEETINGS,
    PLACES,
    VIDEO_LINK,
    _at,
)
from governance.models import Body, Organisation, Person
from meetings import workflow
from meetings.forms import MinutesForm
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    Decision,
    Mandate,
    MandateStatus,
    Meeting,
    MeetingStatus,
)
from meetings.models.decisions import voting_present

# How long before the meeting its convocation went out, and after it its records were published.
CONVENED_BEFORE = datetime.timedelta(days=10)
PUBLISHED_AFTER = datetime.timedelta(days=7)
# When the mandates given at a meeting were last reported on.
MANDATE_UPDATED_AFTER = datetime.timedelta(days=30)


def _person(email):
    return Person.objects.filter(email=email).first() if email else None


def _create_meeting(row, bodies, created, agent):
    """Create, draw up the agenda of, and take through its life one meeting of `row`;
    returns (meeting, whether it is new)."""
    body = bodies[row["body"]]
    starts = _at(row["days"], row["hour"])
    meeting = Meeting.objects.filter(
        body=body, title=row["title"], starts__date=starts.date()
    ).first()
    if meeting is not None:
        return meeting, False
    meeting = workflow.create_meeting(
        Meeting(
            body=body,
            title=row["title"],
            starts=starts,
            ends=starts + datetime.timedelta(hours=row["hours"]),
            place=PLACES.get(row["body"], DEFAULT_PLACE),
            online_link=VIDEO_LINK if row.get("online") else "",
            responsible=agent,
        )
    )
    created["Meeting"] += 1
    for title, kind, presenter, duration, _minutes in row["items"]:
        workflow.add_item(
            meeting,
            AgendaItem(title=title, kind=kind, presenter=presenter, duration=duration),
        )
    if row.get("progress_items"):
        add_progress_items(meeting)
    status = row["status"]
    if status == MeetingStatus.CANCELLED:
        # Never convened: nobody is told of the cancellation.
        workflow.cancel_meeting(meeting, row["reason"], BASE_URL)
    elif status in (MeetingStatus.CONVENED, MeetingStatus.HELD):
        workflow.convene(meeting, agent.user, BASE_URL, now=starts - CONVENED_BEFORE, notify=False)
    if status == MeetingStatus.HELD:
        workflow.mark_held(meeting)
        _record_attendance(meeting)
        _write_minutes(meeting, row["items"])
    meeting.refresh_from_db()
    return meeting, True


def _record_attendance(meeting):
    """Most came; one excused and one absent, so the list and the quorum have something to say."""
    rows = meeting.attendance.order_by("pk").values_list("pk", flat=True)
    statuses = {
        pk: AttendanceStatus.EXCUSED
        if index == 1
        else AttendanceStatus.ABSENT
        if index == 3
        else AttendanceStatus.PRESENT
        for index, pk in enumerate(rows)
    }
    workflow.record_attendance(meeting, statuses)


def _write_minutes(meeting, items):
    """The minutes of each item, as the secretary types them into the item's form."""
    agenda = meeting.items.order_by("position")
    for item, (_title, _kind, _presenter, _duration, minutes) in zip(agenda, items, strict=False):
        if minutes:
            form = MinutesForm({"minutes": minutes, "version": item.version}, instance=item)
            if not form.is_valid():
                raise ValueError(f"Demo minutes refused: {form.errors.as_text()}")
            workflow.edit_minutes(form)


def _vote_of(meeting):
    """A vote of the voting members present: most for, one against, one abstention."""
    present = voting_present(meeting)
    against, abstentions = min(1, present), min(1, max(present - 1, 0))
    return {
        "votes_for": present - against - abstentions,
        "votes_against": against,
        "abstentions": abstentions,
    }


def _add_records(meeting, row, bodies, created, agent):
    items = list(meeting.items.order_by("position"))
    year = timezone.localtime(meeting.starts).year
    first_decision = None
    for index, (_sequence, title, text, mode) in enumerate(row.get("decisions", ())):
        vote = _vote_of(meeting) if mode == "vote" else {}
        decision = workflow.record_decision(
            meeting,
            Decision(
                item=items[min(index + 1, len(items) - 1)] if items else None,
                # The number the decision form proposes.
                number=Decision.objects.next_number(meeting.body, year),
                title=title,
                text=text,
                mode=mode,
                proposed_by="Geneviève Boucher" if mode == "vote" else "",
                seconded_by="Mathieu Bouchard" if mode == "vote" else "",
                **vote,
            ),
        )
        created["Decision"] += 1
        first_decision = first_decision or decision
    for given_to, title, description, due_days, status in row.get("mandates", ()):
        mandate = workflow.give_mandate(
            meeting,
            Mandate(
                given_to=bodies[given_to],
                decision=first_decision,
                title=title,
                description=description,
                due=timezone.localdate() + datetime.timedelta(days=due_days),
            ),
        )
        created["Mandate"] += 1
        if status != MandateStatus.TODO:
            workflow.update_mandate(
                mandate,
                agent.user,
                status,
                "Les travaux avancent selon l'échéancier; un point sera fait au comité.",
                now=meeting.starts + MANDATE_UPDATED_AFTER,
            )
    for title, email, organisation, due_days, status in row.get("actions", ()):
        action = workflow.add_action(
            meeting,
            ActionItem(
                title=title,
                person=_person(email),
                organisation=Organisation.objects.filter(slug=organisation).first(),
                due=timezone.localdate() + datetime.timedelta(days=due_days),
            ),
            notify=False,
        )
        if status == ActionStatus.DONE:
            workflow.mark_action_done(action)
        created["ActionItem"] += 1


def _publish(meeting, row):
    if row.get("published"):
        workflow.publish(meeting, BASE_URL, now=meeting.starts + PUBLISHED_AFTER, notify=False)


def _chantier_meetings(bodies, created, agent):
    """Each active chantier's committee: a meeting last month, published, and one next month."""
    for chantier in Chantier.objects.active().select_related("committee"):
        for days, status in ((-35, MeetingStatus.HELD), (25, MeetingStatus.PLANNED)):
            row = {
                "body": chantier.committee.slug,
                "title": f"Rencontre du chantier {chantier.name}",
                "days": days,
                "hour": 10,
                "hours": 2,
                "status": status,
                "published": status == MeetingStatus.HELD,
                "items": (
                    (
                        "Tour de table des partenaires",
                        INFORMATION,
                        "",
                        20,
                        "Chaque organisme présente ses actions du mois.",
                    ),
                    (
                        "Suivi du plan d'action",
                        DISCUSSION,
                        "",
                        40,
                        "Le plan d'action avance; deux actions sont reportées.",
                    ),
                ),
            }
            bodies.setdefault(row["body"], chantier.committee)
            meeting, is_new = _create_meeting(row, bodies, created, agent)
            if is_new:
                _publish(meeting, row)


def load_meetings(created=None):
    """Create the demo meetings and their records; returns the Counter of rows created.
    Needs demo.territory.load_territory() (with its accounts) first."""
    created = Counter() if created is None else created
    bodies = {body.slug: body for body in Body.objects.all()}
    agent = Person.objects.select_related("user").get(email=ADOC_AGENT)
    meetings = {}
    for row in MEETINGS:
        meeting, is_new = _create_meeting(row, bodies, created, agent)
        meetings[row["key"]] = meeting
        if is_new:
            _add_records(meeting, row, bodies, created, agent)
            _publish(meeting, row)
    # Once every meeting is written: the minutes are adopted at the body's next meeting.
    for row in MEETINGS:
        if adopted_at := row.get("adopted_at"):
            earlier, later = meetings[row["key"]], meetings[adopted_at]
            if not earlier.minutes_adopted:
                workflow.adopt_minutes(later, earlier)
    _chantier_meetings(bodies, created, agent)
    return created
