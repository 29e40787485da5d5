"""Demo meetings: past and upcoming meetings of every body, with their records.

Dates are relative to the day of loading, so the demo always has a past and a future. A
meeting already present (same body and title) is left as it is: loading twice adds nothing.
"""

import datetime
from collections import Counter

from django.utils import timezone

from chantiers.models import Chantier
from demo.data.meetings import (
    DEFAULT_PLACE,
    DISCUSSION,
    INFORMATION,
    MEETINGS,
    PLACES,
    VIDEO_LINK,
    _at,
)
from governance.models import Body, Organisation, Person
from meetings.models import (
    ActionItem,
    AgendaItem,
    AttendanceStatus,
    Decision,
    Mandate,
    MandateStatus,
    MandateUpdate,
    Meeting,
    MeetingStatus,
)


def _person(email):
    return Person.objects.filter(email=email).first() if email else None


def _create_meeting(row, bodies, created):
    body = bodies[row["body"]]
    starts = _at(row["days"], row["hour"])
    meeting, is_new = Meeting.objects.get_or_create(
        body=body,
        title=row["title"],
        starts__date=starts.date(),
        defaults={
            "starts": starts,
            "ends": starts + datetime.timedelta(hours=row["hours"]),
            "place": PLACES.get(row["body"], DEFAULT_PLACE),
            "online_link": VIDEO_LINK if row.get("online") else "",
            "status": row["status"],
            "cancellation_reason": row.get("reason", ""),
            "responsible": _person("adoc@example.org"),
            "published_at": starts + datetime.timedelta(days=7) if row.get("published") else None,
        },
    )
    if not is_new:
        return meeting, False
    created["Meeting"] += 1
    meeting.sync_attendance()
    for position, (title, kind, presenter, duration, minutes) in enumerate(row["items"], 1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title,
            kind=kind,
            presenter=presenter,
            duration=duration,
            minutes=minutes if row["status"] == MeetingStatus.HELD else "",
        )
    if row.get("progress_items"):
        position = len(row["items"])
        for chantier in Chantier.objects.active():
            position += 1
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                title=f"Avancées du chantier : {chantier.name}",
                kind=INFORMATION,
                chantier=chantier,
                duration=15,
            )
    if row["status"] == MeetingStatus.HELD:
        _record_attendance(meeting)
    return meeting, True


def _record_attendance(meeting):
    """Most came; one excused and one absent, so the list and the quorum have something to say."""
    rows = list(meeting.attendance.order_by("pk"))
    for index, row in enumerate(rows):
        row.status = (
            AttendanceStatus.EXCUSED
            if index == 1
            else AttendanceStatus.ABSENT
            if index == 3
            else AttendanceStatus.PRESENT
        )
        row.convened_at = meeting.starts - datetime.timedelta(days=10)
        row.save(update_fields=["status", "convened_at"])


def _add_records(meeting, row, bodies, created):
    items = list(meeting.items.all())
    year = meeting.starts.year
    quorum_met = meeting.quorum().is_met
    for index, (_sequence, title, text, mode) in enumerate(row.get("decisions", ())):
        vote = {"votes_for": 21, "votes_against": 2, "abstentions": 1} if mode == "vote" else {}
        decision = Decision.objects.create(
            meeting=meeting,
            item=items[min(index + 1, len(items) - 1)] if items else None,
            number=Decision.objects.next_number(meeting.body, year),
            title=title,
            text=text,
            mode=mode,
            proposed_by="Geneviève Boucher" if mode == "vote" else "",
            seconded_by="Mathieu Bouchard" if mode == "vote" else "",
            quorum_met=quorum_met,
            **vote,
        )
        created["Decision"] += 1
        row.setdefault("_decision", decision)
    for given_to, title, description, due_days, status in row.get("mandates", ()):
        mandate = Mandate.objects.create(
            given_by=meeting.body,
            given_to=bodies[given_to],
            meeting=meeting,
            decision=row.get("_decision"),
            title=title,
            description=description,
            due=timezone.localdate() + datetime.timedelta(days=due_days),
            status=status,
        )
        created["Mandate"] += 1
        if status != MandateStatus.TODO:
            author = _person("adoc@example.org")
            MandateUpdate.objects.create(
                mandate=mandate,
                made_by=author.user,
                made_at=meeting.starts + datetime.timedelta(days=30),
                status=status,
                note="Les travaux avancent selon l'échéancier; un point sera fait au comité.",
            )
    for title, email, organisation, due_days, status in row.get("actions", ()):
        ActionItem.objects.create(
            meeting=meeting,
            title=title,
            person=_person(email),
            organisation=Organisation.objects.filter(slug=organisation).first(),
            due=timezone.localdate() + datetime.timedelta(days=due_days),
            status=status,
        )
        created["ActionItem"] += 1


def _chantier_meetings(bodies, created):
    """Each active chantier's committee: a meeting last month, published, and one next month."""
    for chantier in Chantier.objects.active().select_related("committee"):
        for days, status in ((-35, MeetingStatus.HELD), (25, MeetingStatus.PLANNED)):
            row = {
                "body": chantier.committee.slug,
                "title": f"Comité du {chantier.name}",
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
            _create_meeting(row, bodies, created)


def load_meetings(created=None):
    """Create the demo meetings and their records; returns the Counter of rows created."""
    created = Counter() if created is None else created
    bodies = {body.slug: body for body in Body.objects.all()}
    meetings = {}
    for row in MEETINGS:
        row = dict(row)
        meeting, is_new = _create_meeting(row, bodies, created)
        meetings[row["key"]] = meeting
        if is_new:
            _add_records(meeting, row, bodies, created)
    for row in MEETINGS:
        if adopted_at := row.get("adopted_at"):
            earlier, later = meetings[row["key"]], meetings[adopted_at]
            if not earlier.minutes_adopted:
                later.adopt_minutes_of(earlier)
    _chantier_meetings(bodies, created)
    return created
