"""What a meeting decides and asks: numbered decisions, mandates given to other bodies,
and action items given to people or organisations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body, Organisation, Person
from infrastructure import display
from infrastructure.choices import QuickChoiceLabels
from infrastructure.versioning import Versioned
from meetings.models.meetings import rule_for


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


def voting_present(meeting):
    """How many voting members of `meeting` are recorded present now."""
    from meetings.models.attendance import AttendanceStatus

    return meeting.attendance.filter(voting=True, status=AttendanceStatus.PRESENT).count()


def too_many_votes(cast, present):
    """What the decision form and meetings.workflow say of a vote counting more votes than
    voting members present."""
    return _(
        "%(cast)s votes were counted, but %(present)s voting members are recorded present: "
        "the votes for, against and abstentions add up to at most %(present)s. Record the "
        "attendance first if it is not up to date."
    ) % {"cast": cast, "present": present}


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
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
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
    # Noted with quorum_met by meetings.workflow (record_decision, edit_decision): how many
    # voting members were present. Empty only for decisions recorded before it was noted
    # whose counts did not fit the attendance then recorded (see migration 0007).
    voting_present = models.PositiveSmallIntegerField(
        _("voting members present"), null=True, blank=True, editable=False
    )

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-meeting__starts", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mode=DecisionMode.VOTE)
                | Q(voting_present__isnull=True)
                | Q(
                    voting_present__gte=Coalesce(F("votes_for"), Value(0))
                    + Coalesce(F("votes_against"), Value(0))
                    + Coalesce(F("abstentions"), Value(0))
                ),
                name="decision_votes_within_voting_present",
                violation_error_message=_(
                    "More votes were counted than voting members were present."
                ),
            )
        ]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#decision-{self.pk}"

    @property
    def votes_cast(self):
        return sum(count or 0 for count in (self.votes_for, self.votes_against, self.abstentions))

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
        "meetings.Meeting",
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


class MandateUpdate(QuickChoiceLabels, models.Model):
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
        return f"{self.mandate} – {display.day(self.made_at)}"


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
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("meeting"),
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
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
    # The due date the reminder was sent for (meetings.reminders): one reminder per due date,
    # however often the command runs; a new due date gets its own.
    reminded_for = models.DateField(_("reminder sent for the due date"), null=True, editable=False)

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
                violation_error_message=_("Say who will do it: a person, an organisation or both."),
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
