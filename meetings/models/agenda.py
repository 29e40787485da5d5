"""A meeting's agenda: its items (which carry the minutes), corrections of adopted minutes,
and the documents attached to the meeting or to one item."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from infrastructure.choices import QuickChoiceLabels
from infrastructure.uploads import content_matches_extension
from infrastructure.versioning import Versioned


class ItemKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "discussion", _("Discussion")
    DECISION = "decision", _("Decision")


class AgendaItem(Versioned):
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("meeting"),
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
        constraints = [
            # Checked at the commit on PostgreSQL, so that two items can swap places in one
            # transaction; SQLite checks each row (meetings.workflow writes them in an order
            # that never collides).
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_position_unique",
                violation_error_message=_("Another item of the agenda already has this position."),
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"


class AmendmentSubject(models.TextChoices):
    MINUTES = "minutes", _("The minutes of an item")
    DECISION = "decision", _("A decision")
    ATTENDANCE = "attendance", _("The attendance")
    OTHER = "other", _("Something else in the record")


class MinutesAmendment(QuickChoiceLabels, models.Model):
    """A correction to adopted minutes: recorded beside what it corrects (an item's minutes,
    a decision, the attendance), never written over it; who made it, when and why."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=_("meeting"),
    )
    subject = models.CharField(
        _("corrects"), max_length=20, choices=AmendmentSubject.choices, default="minutes"
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("item"),
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("decision"),
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
        ordering = ["made_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(subject="minutes") | models.Q(item__isnull=False),
                name="amendment_of_minutes_names_its_item",
                violation_error_message=_("Choose the item whose minutes this corrects."),
            ),
            models.CheckConstraint(
                condition=~models.Q(subject="decision") | models.Q(decision__isnull=False),
                name="amendment_of_a_decision_names_it",
                violation_error_message=_("Choose the decision this corrects."),
            ),
        ]

    def __str__(self):
        return self.reason

    def get_absolute_url(self):
        meeting = self.meeting.get_absolute_url()
        if self.decision_id:
            return f"{meeting}#decision-{self.decision_id}"
        if self.item_id:
            return f"{meeting}#item-{self.item_id}"
        return f"{meeting}#corrections"


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


def validate_document_content(upload):
    content_matches_extension(upload, DOCUMENT_EXTENSIONS)


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


class Document(QuickChoiceLabels, models.Model):
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("meeting"),
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
        validators=[
            FileExtensionValidator(DOCUMENT_EXTENSIONS),
            validate_document_content,
            validate_document_size,
        ],
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
