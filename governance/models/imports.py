"""A spreadsheet of organisations or people brought into the directory: kept from its preview
to its confirmation, then as the record of what it did."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from infrastructure.choices import QuickChoiceLabels


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    PEOPLE = "people", _("People and their organisations")
    SEATS = "seats", _("Seats on the bodies")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed, not imported")
    IMPORTED = "imported", _("Imported")
    CANCELLED = "cancelled", _("Cancelled")


class DirectoryImport(QuickChoiceLabels, models.Model):
    """One file imported into the directory (governance.spreadsheets): what it would do when
    previewed, what it did once confirmed, who did it and when."""

    kind = models.CharField(_("records"), max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file"), max_length=200)
    # The file itself, read again when confirmed; emptied then (or when cancelled): it holds
    # personal information the directory keeps anyway, and no copy should linger.
    content = models.BinaryField(_("content"), blank=True, default=b"")
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="directory_imports",
        verbose_name=_("by"),
    )
    created = models.DateTimeField(_("previewed at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # Row by row: {"number", "action" (new, update, skip, invalid), "label", "errors"}; the
    # preview's until confirmed, then the import's.
    rows = models.JSONField(_("rows"), default=list, blank=True)
    totals = models.JSONField(_("totals"), default=dict, blank=True)

    class Meta:
        verbose_name = _("directory import")
        verbose_name_plural = _("directory imports")
        ordering = ["-created"]
        constraints = [
            # Confirmed exactly once: an imported file has its date, a previewed one none.
            models.CheckConstraint(
                condition=Q(status=ImportStatus.IMPORTED, imported_at__isnull=False)
                | (~Q(status=ImportStatus.IMPORTED) & Q(imported_at__isnull=True)),
                name="directory_import_dated_once_imported",
                violation_error_message=_(
                    "An import has the date it was imported, once imported and only then."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.filename} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("governance:import-detail", args=[self.pk])

    @property
    def counts(self):
        """How many rows were (or would be) created, updated, left unchanged and refused."""
        return {**dict.fromkeys(("new", "update", "skip", "invalid"), 0), **self.totals}
