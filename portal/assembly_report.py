"""The report to the assembly: how the alliance was governed since the previous assembly.

Built for one assembly meeting, from the records the reader may see, in a bounded number of
queries whatever the size of the territory.
"""

import datetime
from collections import Counter

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chantiers.models import Chantier
from governance.models import Body, BodyKind, Seat, SeatRole
from governance.models.territory import college_choices, territory_choices
from meetings.models import (
    Attendance,
    AttendanceCapacity,
    AttendanceStatus,
    Decision,
    Mandate,
    MandateStatus,
    Meeting,
    MeetingStatus,
)
from meetings.rules import keeps_every_record, visible_meetings

# Terms ending within this many days after the assembly are listed: until the next one
# (the assembly meets twice a year).
TERMS_ENDING_DAYS = 183
OPEN_MANDATES = [MandateStatus.TODO, MandateStatus.IN_PROGRESS]


class BodyAttendance:
    """Attendance of a body's members at the meetings it held in the period."""

    def __init__(self, body, meetings, present=0, excused=0, absent=0):
        self.body = body
        self.meetings = meetings
        self.present = present
        self.excused = excused
        self.absent = absent

    @property
    def recorded(self):
        return self.present + self.excused + self.absent

    @property
    def rate(self):
        """Present over present, excused and absent, in percent; None when nothing was recorded."""
        if not self.recorded:
            return None
        return round(100 * self.present / self.recorded)


class AssemblyReport:
    def __init__(self, meeting, user):
        self.meeting = meeting
        self.user = user
        self.previous = (
            Meeting.objects.filter(body_id=meeting.body_id, starts__lt=meeting.starts)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-starts")
            .first()
        )
        self.since = self.previous.starts if self.previous else None
        self.until = meeting.starts
        self.on = timezone.localdate(meeting.starts)
        self.includes_drafts = keeps_every_record(user)

    def _in_period(self, meetings):
        meetings = meetings.filter(status=MeetingStatus.HELD, starts__lt=self.until)
        if self.since:
            meetings = meetings.filter(starts__gte=self.since)
        return meetings

    def build(self):
        held = self._in_period(visible_meetings(self.user))
        bodies = list(
            Body.objects.active().prefetch_related(
                "quotas",
                Prefetch(
                    "seats",
                    queryset=Seat.objects.current(self.on).select_related("person", "organisation"),
                    to_attr="current_seats",
                ),
            )
        )
        self.council = next((b for b in bodies if b.kind == BodyKind.COUNCIL), None)
        if self.council:
            self._council(self.council)
        self.vacancies = [
            (body, rows)
            for body in bodies
            if (rows := [row for row in body.composition() if row["vacant"]])
        ]
        self.terms_ending = list(
            Seat.objects.ending_within(TERMS_ENDING_DAYS, on=self.on)
            .exclude(role=SeatRole.SUPPORT)
            .for_listing()
            .order_by("ends", "body__position", "person__last_name")
        )
        self.terms_until = self.on + datetime.timedelta(days=TERMS_ENDING_DAYS)
        self.attendance = self._attendance(held, {body.pk: body for body in bodies})
        self.decisions = list(
            Decision.objects.filter(meeting__in=held)
            .select_related("meeting__body")
            .order_by("meeting__body__position", "meeting__starts", "number")
        )
        self.mandates = self._mandates()
        self.mandate_counts = Counter(mandate.status for mandate in self.mandates)
        self.mandate_summary = [
            (label, self.mandate_counts[status]) for status, label in MandateStatus.choices
        ]
        self.unpublished = self._in_period(Meeting.objects.filter(published_at=None)).count()
        self.chantiers = list(Chantier.objects.active().select_related("committee"))
        return self

    def _council(self, council):
        seats = [seat for seat in council.current_seats if seat.role != SeatRole.SUPPORT]
        self.council_seats = sorted(
            seats,
            key=lambda s: (s.college, s.mrc, s.rank, s.person.last_name, s.person.first_name),
        )
        self.council_composition = council.composition()
        voting = [seat for seat in seats if seat.is_voting]
        counts = Counter((seat.college, seat.mrc) for seat in voting)
        colleges = college_choices()
        if any(not seat.college for seat in voting):
            colleges.append(("", _("No college")))
        self.mrcs = territory_choices()
        if any(not seat.mrc for seat in voting):
            self.mrcs.append(("", _("No MRC")))
        self.council_matrix = [
            (
                label,
                [counts[(college, mrc)] for mrc, _label in self.mrcs],
                sum(counts[(college, mrc)] for mrc, _label in self.mrcs),
            )
            for college, label in colleges
        ]
        self.council_mrc_totals = [
            sum(counts[(college, mrc)] for college, _label in colleges) for mrc, _label in self.mrcs
        ]
        self.council_voting = len(voting)

    def _attendance(self, held, bodies):
        meetings = dict(held.values_list("body").annotate(count=Count("pk")).order_by())
        missing = set(meetings) - set(bodies)
        if missing:  # bodies no longer active that met in the period
            bodies = {**bodies, **Body.objects.in_bulk(missing)}
        rows = {
            body_id: BodyAttendance(bodies[body_id], count) for body_id, count in meetings.items()
        }
        counted = (
            Attendance.objects.filter(meeting__in=held, capacity=AttendanceCapacity.MEMBER)
            .values("meeting__body")
            .annotate(
                present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
                excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
                absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
            )
            .order_by()
        )
        for row in counted:
            line = rows[row["meeting__body"]]
            line.present, line.excused, line.absent = row["present"], row["excused"], row["absent"]
        return sorted(rows.values(), key=lambda row: (row.body.position, row.body.name))

    def _mandates(self):
        """Open mandates, and those given or updated in the period."""
        mandates = (
            Mandate.objects.filter(meeting__in=visible_meetings(self.user))
            .annotate(last_update=Max("updates__made_at"))
            .select_related("given_by", "given_to", "meeting")
        )
        recent = Q(status__in=OPEN_MANDATES)
        if self.since:
            recent |= Q(meeting__starts__gte=self.since) | Q(last_update__gte=self.since)
        else:
            recent = Q()
        return list(
            mandates.filter(recent).order_by("given_to__position", "given_to__name", "status", "pk")
        )
