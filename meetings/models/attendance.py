"""Who was convened to a meeting, when, and who came."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Person, SeatRole
from governance.models.territory import College, college_choices, held_in
from infrastructure import display
from infrastructure.choices import QuickChoiceLabels


class Convocation(QuickChoiceLabels, models.Model):
    """One sending of the convocation: when, by whom, to whom."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="convocations",
        verbose_name=_("meeting"),
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
        return f"{self.meeting} – {display.moment(self.sent_at)}"


class AttendanceCapacity(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    GUEST = "guest", _("Guest")


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Not recorded")
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(QuickChoiceLabels, models.Model):
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("meeting"),
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
    # As they were when the list was last brought in line with the body's seats (until the
    # meeting is held or cancelled): the record says who sat as what, whatever changes after.
    college = models.CharField(_("college"), max_length=20, choices=college_choices, blank=True)
    seat_role = models.CharField(
        _("seat"), max_length=20, choices=SeatRole.choices, blank=True, editable=False
    )
    organisation_name = models.CharField(
        _("for the organisation"), max_length=200, blank=True, editable=False
    )
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
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="one_attendance_per_person",
                violation_error_message=_("This person is already listed for this meeting."),
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""),
                name="attendance_names_someone",
                violation_error_message=_("Give the guest’s name."),
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


# The college an attendance row names (governance.models.territory).
held_in(College, Attendance, "college")
