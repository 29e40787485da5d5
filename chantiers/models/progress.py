"""What a chantier aims at (objectives, milestones) and how it reports its progress."""

import uuid
from pathlib import Path

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chantiers.models.chantiers import Chantier
from governance.models import Person
from infrastructure.bounds import plausible_date
from infrastructure.choices import QuickChoiceLabels
from infrastructure.periods import today
from infrastructure.versioning import Versioned


class ResultKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    TOOL = "tool", _("Tool")
    SERVICE = "service", _("Service")
    EVENT = "event", _("Event")
    STUDY = "study", _("Study")
    OTHER = "other", _("Other")


class ObjectiveStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    POSTPONED = "postponed", _("Postponed")
    ABANDONED = "abandoned", _("Abandoned")


# Objectives still to reach: late when their target date has passed.
OPEN_OBJECTIVE_STATUSES = [ObjectiveStatus.UPCOMING, ObjectiveStatus.IN_PROGRESS]


class ObjectiveQuerySet(models.QuerySet):
    def counted(self):
        """The objectives that count in a chantier's overall progress."""
        return self.exclude(status=ObjectiveStatus.ABANDONED)

    def overdue(self, on=None):
        return self.filter(status__in=OPEN_OBJECTIVE_STATUSES, target_date__lt=on or today())


class Objective(Versioned):
    """An objective of a chantier and the result it expects, with its progress."""

    chantier = models.ForeignKey(
        Chantier, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("chantier")
    )
    title = models.CharField(_("objective"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind of result"), max_length=20, choices=ResultKind.choices, default=ResultKind.OTHER
    )
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)
    target_date = models.DateField(
        _("target date"), null=True, blank=True, validators=[plausible_date]
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObjectiveStatus.choices,
        default=ObjectiveStatus.UPCOMING,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("From 0 to 100. With milestones, computed from those checked off."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        null=True,
        blank=True,
        help_text=_("Optional: how much it counts in the chantier’s progress (1 if empty)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # history: registered in translation.py, with the English columns.
    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="objective_progress_0_to_100",
                violation_error_message=_("Progress is a percentage, from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=1),
                name="objective_weight_positive",
                violation_error_message=_("A weight is at least 1, or left empty."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ObjectiveStatus.values),
                name="objective_status_valid",
                violation_error_message=_("Choose one of the statuses offered."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResultKind.values),
                name="objective_kind_valid",
                violation_error_message=_("Choose one of the kinds of result offered."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.chantier.get_absolute_url()}#objectif-{self.pk}"

    @property
    def is_overdue(self):
        return (
            self.status in OPEN_OBJECTIVE_STATUSES
            and self.target_date is not None
            and self.target_date < today()
        )

    @staticmethod
    def progress_from(done, total):
        return round(100 * done / total) if total else 0


class Milestone(QuickChoiceLabels, models.Model):
    """A step of an objective; when an objective has milestones, its progress is the share of
    them checked off."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("objective")
    )
    title = models.CharField(_("milestone"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    REVISED = "revised", _("Revised")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")


# Who may move a report, from which state (see chantiers/workflow.py).
EDITABLE_STATUSES = [ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.REVISED]
SUBMITTABLE_STATUSES = [ReportStatus.DRAFT, ReportStatus.REVISED]
AWAITING_STATUSES = [ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED]


class ProgressReportQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReportStatus.APPROVED)

    def awaiting_decision(self):
        return self.filter(status__in=AWAITING_STATUSES)

    def awaiting(self, person):
        """Reports waiting for a decision that `person` may take (not one they wrote)."""
        if person is None:
            return self.none()
        return self.awaiting_decision().exclude(authors=person)

    def overlapping(self, chantier, starts, ends):
        return self.filter(chantier=chantier, period_start__lte=ends, period_end__gte=starts)


class ProgressReport(Versioned):
    """A chantier's progress report (bilan d'étape) for a period, approved by the comité conseil."""

    chantier = models.ForeignKey(
        Chantier, on_delete=models.PROTECT, related_name="reports", verbose_name=_("chantier")
    )
    period_start = models.DateField(_("period from"), validators=[plausible_date])
    period_end = models.DateField(_("period until"), validators=[plausible_date])
    narrative = models.TextField(_("what happened"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    requests = models.TextField(
        _("asked of the comité conseil"),
        blank=True,
        help_text=_("For example: access to a funding lever, a letter of support."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    authors = models.ManyToManyField(
        Person, related_name="authored_reports", verbose_name=_("written by")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    submitted = models.DateTimeField(_("submitted on"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[authors])
    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period_end", "-pk"]
        indexes = [models.Index(fields=["status"], name="report_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_period_in_order",
                violation_error_message=_(
                    "The period of the report ends on or after the day it starts."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values),
                name="report_status_valid",
                violation_error_message=_("Choose one of the statuses offered."),
            ),
        ]

    def __str__(self):
        return _("Progress report of %(chantier)s, %(start)s – %(end)s") % {
            "chantier": self.chantier,
            "start": self.period_start,
            "end": self.period_end,
        }

    def get_absolute_url(self):
        return reverse("chantiers:report-detail", args=[self.chantier.slug, self.pk])

    @property
    def is_draft(self):
        return self.status == ReportStatus.DRAFT

    @property
    def is_returned(self):
        return self.status == ReportStatus.RETURNED

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_submittable(self):
        return self.status in SUBMITTABLE_STATUSES

    @property
    def is_awaiting_decision(self):
        return self.status in AWAITING_STATUSES

    @property
    def is_approved(self):
        return self.status == ReportStatus.APPROVED


class ObjectiveUpdate(QuickChoiceLabels, models.Model):
    """What a report says about one objective: its new progress (or milestones), and why."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="updates", verbose_name=_("report")
    )
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="updates", verbose_name=_("objective")
    )
    progress = models.PositiveSmallIntegerField(
        _("new progress (%)"), validators=[MaxValueValidator(100)]
    )
    milestones_done = models.ManyToManyField(
        Milestone, related_name="updates", blank=True, verbose_name=_("milestones done")
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("progress on an objective")
        verbose_name_plural = _("progress on objectives")
        ordering = ["objective__position", "objective__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "objective"],
                name="one_update_per_objective_per_report",
                violation_error_message=_("This report already says where this objective stands."),
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="update_progress_0_to_100",
                violation_error_message=_("Progress is a percentage, from 0 to 100."),
            ),
        ]

    def __str__(self):
        return f"{self.objective}: {self.progress} %"


class DecisionKind(models.TextChoices):
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with comments")


class ReportDecision(QuickChoiceLabels, models.Model):
    """A comité conseil member's decision on a report: who, when, what and why."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("report")
    )
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="report_decisions", verbose_name=_("by")
    )
    at = models.DateTimeField(_("on"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("decision on a report")
        verbose_name_plural = _("decisions on reports")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DecisionKind.values),
                name="decision_kind_valid",
                violation_error_message=_("Choose one of the decisions offered."),
            ),
            models.CheckConstraint(
                condition=Q(kind=DecisionKind.APPROVED) | ~Q(comment=""),
                name="returned_with_a_comment",
                violation_error_message=_("Say why the report is sent back: a comment is needed."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.by} – {self.at:%Y-%m-%d}"


def attachment_path(attachment, filename):
    """Where an attachment is stored: unguessable, since only the portal may hand it out
    (MEDIA_ROOT must not be served as is)."""
    extension = Path(filename).suffix.lower()[:10]
    return f"bilans/{attachment.report.chantier_id}/{uuid.uuid4().hex}{extension}"


class Attachment(QuickChoiceLabels, models.Model):
    """A file joined to a progress report (minutes, a study, a photo of an event)."""

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("report"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    added_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="report_attachments", verbose_name=_("by")
    )
    added = models.DateTimeField(_("added on"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["added", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "chantiers:attachment-download",
            args=[self.report.chantier.slug, self.report_id, self.pk],
        )
