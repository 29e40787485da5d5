"""Meetings themselves: their status, the quorum and how it is reached."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from governance.models import (
    Body,
    BodyKind,
    Person,
    Representation,
    RepresentationKind,
    Seat,
    SeatRole,
)
from governance.models.territory import college_choices
from infrastructure import display
from infrastructure.bounds import plausible_date
from infrastructure.choices import QuickChoiceLabels
from infrastructure.versioning import Versioned
from meetings.models.attendance import Attendance, AttendanceCapacity, AttendanceStatus


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONVENED = "convened", _("Convened")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


# What a convened person is told again when it changes: it is in their calendar invitation.
LOGISTICS = ("starts", "ends", "place", "online_link")


def logistics_of(values):
    """The LOGISTICS of a meeting (or of a dict of values), to the minute: a form shows and
    sends times to the minute, so a second left by an import is no change."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    result = []
    for name in LOGISTICS:
        value = get(name)
        if isinstance(value, datetime.datetime):
            value = value.replace(second=0, microsecond=0)
        result.append(value or "")
    return tuple(result)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends__gte=now or timezone.now()).order_by("starts")

    def past(self, now=None):
        return self.filter(ends__lt=now or timezone.now()).order_by("-starts")

    def published(self):
        return self.filter(published_at__isnull=False)

    def for_person(self, person):
        """Meetings of every body the person sits on today (or is invited to)."""
        seats = Seat.objects.current().filter(body=OuterRef("body"), person=person)
        invited = Attendance.objects.filter(meeting=OuterRef("pk"), person=person)
        return self.filter(Exists(seats) | Exists(invited))


class Meeting(Versioned):
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    title = models.CharField(_("title"), max_length=200)
    starts = models.DateTimeField(_("starts"), validators=[plausible_date])
    ends = models.DateTimeField(_("ends"), validators=[plausible_date])
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    responsible = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings_responsible",
        verbose_name=_("ADOC agent responsible"),
    )
    notes = models.TextField(_("notes for participants"), blank=True)
    published_at = models.DateTimeField(_("records published"), null=True, blank=True)
    # The minutes are adopted at a later meeting of the same body, recorded there.
    minutes_adopted_at = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_minutes",
        verbose_name=_("minutes adopted at"),
    )

    # The quorum rule in force when the meeting was convened (or held, if it never was): the
    # quorum of the meeting is computed from it, whatever the body's rule becomes.
    quorum_rule_recorded_at = models.DateTimeField(
        _("quorum rule recorded"), null=True, blank=True, editable=False
    )
    quorum_minimum_present = models.PositiveSmallIntegerField(
        _("voting members present at least"), null=True, blank=True, editable=False
    )
    quorum_minimum_per_college = models.PositiveSmallIntegerField(
        _("voting members present per college at least"), default=0, editable=False
    )

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts"]
        indexes = [
            models.Index(fields=["body", "starts"], name="meeting_body_starts_idx"),
            # The calendar and the decisions list, across every body, newest first.
            models.Index(fields=["starts"], name="meeting_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")),
                name="meeting_ends_after",
                violation_error_message=_("The meeting ends after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""),
                name="meeting_cancellation_has_reason",
                violation_error_message=_("Say why the meeting is cancelled."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({display.day(self.starts)})"

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", args=[self.pk])

    def clean(self):
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("The meeting must end after it starts.")})

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED

    @property
    def minutes_adopted(self):
        return self.minutes_adopted_at_id is not None

    @property
    def day(self):
        return timezone.localdate(self.starts)

    def expected_attendance(self):
        """Who the body's seats (and, at the assembly, the member organisations' delegates)
        call to the meeting on its day: {person_id: the fields of their attendance row}."""
        on = self.day
        expected = {}
        if self.body.is_assembly:
            # Every member organisation sits at the assembly, through its delegate.
            delegates = (
                Representation.objects.current(on)
                .filter(kind=RepresentationKind.DELEGATE, organisation__is_active=True)
                .select_related("organisation")
                .order_by("pk")
            )
            for delegate in delegates:
                expected.setdefault(
                    delegate.person_id,
                    {
                        "capacity": AttendanceCapacity.MEMBER,
                        "voting": True,
                        "college": delegate.organisation.college,
                        "seat_role": "",
                        "organisation_name": delegate.organisation.name,
                    },
                )
        seats = self.body.seats.current(on).select_related("organisation").order_by("pk")
        for seat in seats:
            if seat.person_id in expected:
                continue
            voting = seat.is_voting
            if self.body.kind == BodyKind.ADOC:
                capacity = AttendanceCapacity.MEMBER
            elif seat.role == SeatRole.SUPPORT or not voting:
                capacity = AttendanceCapacity.OBSERVER
            else:
                capacity = AttendanceCapacity.MEMBER
            expected[seat.person_id] = {
                "capacity": capacity,
                "voting": voting and capacity == AttendanceCapacity.MEMBER,
                "college": seat.college,
                "seat_role": seat.role,
                "organisation_name": seat.organisation.name if seat.organisation_id else "",
            }
        return expected

    def sync_attendance(self):
        """Bring the list in line with the body's seats on the meeting's day: list those who
        sit on it, update how they sit, and take off those who no longer do (unless their
        attendance was recorded). Guests stay. Returns how many were listed.

        Called until the meeting is held or cancelled (meetings.workflow refuses after): from
        then on the rows are the record of who was convened, as what."""
        expected = self.expected_attendance()
        rows = {row.person_id: row for row in self.attendance.exclude(person=None).order_by()}
        changed, gone = [], []
        fields = ["capacity", "voting", "college", "seat_role", "organisation_name"]
        for person_id, row in rows.items():
            values = expected.get(person_id)
            if values is None:
                if row.status == AttendanceStatus.INVITED:
                    gone.append(row.pk)
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                changed.append(row)
        if gone:
            # One by one through the ORM, so that the history records each removal.
            for row in self.attendance.filter(pk__in=gone):
                row.delete()
        if changed:
            bulk_update_with_history(changed, Attendance, fields)
        added = [
            Attendance(meeting=self, person_id=person_id, **values)
            for person_id, values in expected.items()
            if person_id not in rows
        ]
        bulk_create_with_history(added, Attendance)
        return len(added)

    def record_quorum_rule(self, now):
        """Note the body's quorum rule as it is now (at convocation, or when held)."""
        rule = rule_for(self.body)
        self.quorum_rule_recorded_at = now
        self.quorum_minimum_present = rule.minimum_present
        self.quorum_minimum_per_college = rule.minimum_per_college
        return ["quorum_rule_recorded_at", "quorum_minimum_present", "quorum_minimum_per_college"]

    def quorum(self, attendance=None):
        """The quorum from `attendance` rows already fetched, or from the database."""
        return Quorum.of(self, attendance)

    def minutes_to_adopt(self):
        """Earlier meetings of the same body that were held and whose minutes await adoption."""
        return Meeting.objects.filter(
            body_id=self.body_id,
            starts__lt=self.starts,
            status=MeetingStatus.HELD,
            minutes_adopted_at=None,
        ).order_by("starts")

    def adopt_minutes_of(self, earlier):
        """Record here the adoption of the `earlier` meeting's minutes (see
        meetings.workflow.adopt_minutes, which this calls)."""
        from meetings.workflow import adopt_minutes

        return adopt_minutes(self, earlier)


class QuorumRule(QuickChoiceLabels, models.Model):
    """How a body's quorum is reached; without a rule, a majority of its voting members."""

    body = models.OneToOneField(
        Body, on_delete=models.CASCADE, related_name="quorum_rule", verbose_name=_("body")
    )
    minimum_present = models.PositiveSmallIntegerField(
        _("voting members present at least"),
        null=True,
        blank=True,
        help_text=_("Left empty: a majority of the voting members."),
    )
    minimum_per_college = models.PositiveSmallIntegerField(
        _("voting members present per college at least"), default=0
    )
    decision_prefix = models.CharField(
        _("prefix of decision numbers"),
        max_length=10,
        blank=True,
        help_text=_("For example CC for CC-2026-004. Left empty: the initials of the body."),
    )

    class Meta:
        verbose_name = _("quorum and numbering rule")
        verbose_name_plural = _("quorum and numbering rules")

    def __str__(self):
        return str(self.body)


def rule_for(body):
    try:
        return body.quorum_rule
    except QuorumRule.DoesNotExist:
        return QuorumRule(body=body)


class Quorum:
    """Whether enough voting members are present, and why (or why not)."""

    def __init__(self, voting, present, required, colleges, per_college):
        self.voting = voting
        self.present = present
        self.required = required
        self.colleges = colleges  # [(label, present)]
        self.per_college = per_college

    @classmethod
    def of(cls, meeting, attendance=None):
        attendance = meeting.attendance.all() if attendance is None else attendance
        rows = [row for row in attendance if row.voting]
        present = [row for row in rows if row.status == AttendanceStatus.PRESENT]
        if meeting.quorum_rule_recorded_at:  # the rule in force then, not today's
            minimum, per_college = (
                meeting.quorum_minimum_present,
                meeting.quorum_minimum_per_college,
            )
        else:
            rule = rule_for(meeting.body)
            minimum, per_college = rule.minimum_present, rule.minimum_per_college
        required = minimum or len(rows) // 2 + 1
        colleges = []
        if per_college:
            for college, label in college_choices():
                if any(row.college == college for row in rows):
                    count = sum(1 for row in present if row.college == college)
                    colleges.append((label, count))
        quorum = cls(len(rows), len(present), required, colleges, per_college)
        quorum.rule_recorded_at = meeting.quorum_rule_recorded_at
        return quorum

    @property
    def is_met(self):
        if not self.voting:
            return False
        colleges_ok = all(count >= self.per_college for _label, count in self.colleges)
        return self.present >= self.required and colleges_ok


def default_meeting_end(starts):
    return starts + datetime.timedelta(hours=2)
