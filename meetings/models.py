"""Meetings of the alliance's bodies and everything recorded about them.

A meeting belongs to a body. Its agenda items carry the minutes (procès-verbal), its
attendance rows record who was convened and who came, and decisions, mandates and action
items hang off it. Every record keeps its history (django-simple-history), and the ones
edited through forms carry a `version` for optimistic concurrency.
"""

import datetime
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import (
    Body,
    BodyKind,
    College,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
    Seat,
    SeatRole,
)
from infrastructure.versioning import Versioned

# --- Meetings -----------------------------------------------------------------------------


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONVENED = "convened", _("Convened")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


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
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
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
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="meeting_ends_after"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""),
                name="meeting_cancellation_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts):%Y-%m-%d})"

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

    def sync_attendance(self):
        """Add an attendance row for every current member not listed yet: the delegates of
        member organisations at the assembly, the seat holders elsewhere."""
        listed = set(self.attendance.exclude(person=None).values_list("person_id", flat=True))
        rows = []
        if self.body.is_assembly:
            # Every member organisation sits at the assembly, through its delegate.
            delegates = (
                Representation.objects.current()
                .filter(kind=RepresentationKind.DELEGATE, organisation__is_active=True)
                .select_related("person", "organisation")
                .order_by("pk")
            )
            for delegate in delegates:
                if delegate.person_id not in listed:
                    listed.add(delegate.person_id)
                    rows.append(
                        Attendance(
                            meeting=self,
                            person=delegate.person,
                            capacity=AttendanceCapacity.MEMBER,
                            voting=True,
                            college=delegate.organisation.college,
                        )
                    )
        seats = self.body.seats.current().select_related("person").order_by("pk")
        for seat in seats:
            if seat.person_id in listed:
                continue
            listed.add(seat.person_id)
            voting = seat.is_voting
            if self.body.kind == BodyKind.ADOC:
                capacity = AttendanceCapacity.MEMBER
            elif seat.role == SeatRole.SUPPORT or not voting:
                capacity = AttendanceCapacity.OBSERVER
            else:
                capacity = AttendanceCapacity.MEMBER
            rows.append(
                Attendance(
                    meeting=self,
                    person=seat.person,
                    capacity=capacity,
                    voting=voting and capacity == AttendanceCapacity.MEMBER,
                    college=seat.college,
                )
            )
        Attendance.objects.bulk_create(rows)
        return len(rows)

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

    @transaction.atomic
    def adopt_minutes_of(self, earlier):
        if earlier.body_id != self.body_id or earlier.starts >= self.starts:
            raise ValidationError(_("Minutes are adopted at a later meeting of the same body."))
        if earlier.minutes_adopted:
            raise ValidationError(_("These minutes were already adopted."))
        earlier.minutes_adopted_at = self
        earlier.version += 1
        earlier.save(update_fields=["minutes_adopted_at", "version"])


class QuorumRule(models.Model):
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
        rule = rule_for(meeting.body)
        required = rule.minimum_present or len(rows) // 2 + 1
        colleges = []
        if rule.minimum_per_college:
            for college in College:
                if any(row.college == college for row in rows):
                    count = sum(1 for row in present if row.college == college)
                    colleges.append((college.label, count))
        return cls(len(rows), len(present), required, colleges, rule.minimum_per_college)

    @property
    def is_met(self):
        if not self.voting:
            return False
        colleges_ok = all(count >= self.per_college for _label, count in self.colleges)
        return self.present >= self.required and colleges_ok


# --- Agenda and minutes -------------------------------------------------------------------


class ItemKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "discussion", _("Discussion")
    DECISION = "decision", _("Decision")


class AgendaItem(Versioned):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.INFORMATION
    )
    presenter = models.CharField(_("presented by"), max_length=150, blank=True)
    duration = models.PositiveSmallIntegerField(
        _("planned duration (minutes)"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("What was said and agreed on this item.")
    )
    chantier = models.ForeignKey(
        "chantiers.Chantier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("progress of the chantier"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"


class MinutesAmendment(models.Model):
    """A correction to adopted minutes: recorded beside them, never written over them."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="amendments", verbose_name=_("item")
    )
    text = models.TextField(_("correction"))
    reason = models.CharField(_("reason"), max_length=300)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(_("made"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("correction of minutes")
        verbose_name_plural = _("corrections of minutes")
        ordering = ["made_at"]

    def __str__(self):
        return self.reason


# --- Convocations and attendance ----------------------------------------------------------


class Convocation(models.Model):
    """One sending of the convocation: when, by whom, to whom."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="convocations", verbose_name=_("meeting")
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        verbose_name = _("convocation")
        verbose_name_plural = _("convocations")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.meeting} – {self.sent_at:%Y-%m-%d %H:%M}"


class AttendanceCapacity(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    GUEST = "guest", _("Guest")


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Not recorded")
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("person"),
    )
    guest_name = models.CharField(_("guest’s name"), max_length=150, blank=True)
    guest_email = models.EmailField(_("guest’s email"), blank=True)
    capacity = models.CharField(
        _("as"), max_length=20, choices=AttendanceCapacity.choices, default=AttendanceCapacity.GUEST
    )
    voting = models.BooleanField(_("voting"), default=False)
    college = models.CharField(_("college"), max_length=20, choices=College.choices, blank=True)
    status = models.CharField(
        _("attendance"),
        max_length=20,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
    )
    convened_at = models.DateTimeField(_("convened"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["capacity", "person__last_name", "person__first_name", "guest_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""),
                name="attendance_names_someone",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return str(self.person) if self.person_id else self.guest_name

    @property
    def email(self):
        return self.person.email if self.person_id else self.guest_email


# --- Decisions ----------------------------------------------------------------------------


class DecisionMode(models.TextChoices):
    CONSENSUS = "consensus", _("By consensus")
    VOTE = "vote", _("By vote")


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


# Left out of a body's initials: "Assemblée des partenaires" gives AP, not ADP.
LINKING_WORDS = {"des", "les", "aux", "pour", "sur", "and", "the", "for"}


def body_initials(body):
    rule = rule_for(body)
    if rule.decision_prefix:
        return rule.decision_prefix
    words = [
        word
        for word in body.name.replace("-", " ").replace("’", " ").replace("'", " ").split()
        if len(word) > 2 and word.lower() not in LINKING_WORDS
    ]
    return "".join(word[0] for word in words).upper()[:6] or "D"


class DecisionQuerySet(models.QuerySet):
    def next_number(self, body, year):
        """The next free number of the body for the year, for example CC-2026-004."""
        prefix = f"{body_initials(body)}-{year}-"
        used = self.filter(number__startswith=prefix).values_list("number", flat=True)
        highest = max(
            (int(n.rsplit("-", 1)[1]) for n in used if n.rsplit("-", 1)[1].isdigit()), default=0
        )
        return f"{prefix}{highest + 1:03d}"

    def visible_to(self, user):
        from meetings.rules import visible_meetings

        return self.filter(meeting__in=visible_meetings(user))


class Decision(Versioned):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text of the resolution"))
    proposed_by = models.CharField(_("proposed by"), max_length=150, blank=True)
    seconded_by = models.CharField(_("seconded by"), max_length=150, blank=True)
    mode = models.CharField(
        _("taken"), max_length=20, choices=DecisionMode.choices, default=DecisionMode.CONSENSUS
    )
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=DecisionOutcome.choices,
        default=DecisionOutcome.ADOPTED,
    )
    quorum_met = models.BooleanField(_("quorum was met"), default=True, editable=False)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-meeting__starts", "-number"]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#decision-{self.pk}"

    def clean(self):
        if self.mode == DecisionMode.VOTE and self.votes_for is None:
            raise ValidationError({"votes_for": _("Give the votes for, against and abstentions.")})


# --- Mandates and action items ------------------------------------------------------------


class MandateStatus(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    ABANDONED = "abandoned", _("Abandoned")


class Mandate(Versioned):
    """A task one body gives another: the assembly to the comité, the comité to a chantier."""

    given_by = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="mandates_given", verbose_name=_("given by")
    )
    given_to = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("given to")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("given at"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("by the decision"),
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MandateStatus.choices, default=MandateStatus.TODO
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["status", "due", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:mandate-detail", args=[self.pk])


class MandateUpdate(models.Model):
    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="updates", verbose_name=_("mandate")
    )
    made_at = models.DateTimeField(_("date"), default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=MandateStatus.choices)
    note = models.TextField(_("where things stand"))

    class Meta:
        verbose_name = _("mandate update")
        verbose_name_plural = _("mandate updates")
        ordering = ["-made_at", "-pk"]

    def __str__(self):
        return f"{self.mandate} – {self.made_at:%Y-%m-%d}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ActionStatus.OPEN)

    def for_person(self, person):
        """Assigned to the person, or to an organisation they currently belong to."""
        from governance.models import Affiliation

        organisations = Affiliation.objects.current().filter(person=person).values("organisation")
        return self.filter(Q(person=person) | Q(organisation__in=organisations))


class ActionItem(Versioned):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting")
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("what"), max_length=250)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("who (person)"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("who (organisation)"),
    )
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    history = HistoricalRecords()
    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["status", "due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organisation__isnull=False),
                name="action_item_has_someone",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def who(self):
        return self.person or self.organisation

    @property
    def is_overdue(self):
        return (
            self.status == ActionStatus.OPEN
            and self.due is not None
            and self.due < timezone.localdate()
        )


# --- Documents ----------------------------------------------------------------------------

DOCUMENT_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "csv",
    "txt",
    "png",
    "jpg",
    "jpeg",
]
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_document_size(upload):
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; files are limited to %(limit)s."),
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(DOCUMENT_MAX_BYTES),
            },
            code="file_size",
        )


def document_path(document, filename):
    # A random folder: the stored name never collides nor reveals other files' names.
    return f"meetings/{timezone.now():%Y}/{secrets.token_urlsafe(12)}/{Path(filename).name}"


class Document(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        max_length=300,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), validate_document_size],
    )
    size = models.PositiveIntegerField(_("size"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("added"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:document-download", args=[self.pk])

    @property
    def filename(self):
        return Path(self.file.name).name


# --- Calendar feeds and notification preferences ------------------------------------------


def new_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private calendar address; revoking it gives a new token."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("person")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("private calendar feed")
        verbose_name_plural = _("private calendar feeds")

    def __str__(self):
        return str(self.person)

    def renew(self):
        self.token = new_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])


class PendingNotification(models.Model):
    """A message waiting for someone's weekly digest."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="pending_notifications"
    )
    kind = models.CharField(max_length=20)
    subject = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.subject


def default_meeting_end(starts):
    return starts + datetime.timedelta(hours=2)
