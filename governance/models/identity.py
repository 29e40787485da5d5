"""Who the alliance is: its name, its texts, its logo and colours, its contact and privacy
addresses. One record, edited by the administrator, read by every page and email; nothing
outside the demo names a territory of its own."""

import re
import secrets
import threading
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import DatabaseError, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infrastructure import pagecache
from infrastructure.choices import QuickChoiceLabels
from infrastructure.uploads import content_matches_extension

LOGO_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
LOGO_MAX_BYTES = 512 * 1024
# Normal text (WCAG 2.1, 1.4.3): white on the header, the link colour on white.
MINIMUM_CONTRAST = 4.5
# Where links are read: white, and the lightest tint of the organigram's boxes (portal.css).
LINK_BACKGROUNDS = ("#ffffff", "#f1f8f1")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# How long another process may show the identity it read before an edit (the editing
# process forgets it at once): the record is read by every page, and changes once a year.
KEPT_SECONDS = 60


def relative_luminance(colour):
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def logo_path(identity, filename):
    return f"identity/{secrets.token_urlsafe(8)}/{Path(filename).name}"


def validate_logo(upload):
    content_matches_extension(upload, LOGO_EXTENSIONS)
    if upload is not None and upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is limited to 512 KB; this file is larger."), code="logo_size"
        )


ONE_IDENTITY = _("The alliance has one identity: edit it rather than adding another.")

colour_field = RegexValidator(
    HEX_COLOUR, _("Write the colour as # followed by six hexadecimal digits, e.g. #0b4f6c.")
)


class AllianceIdentity(QuickChoiceLabels, models.Model):
    # Always True, and unique: the database holds one identity at most.
    singleton = models.BooleanField(
        default=True, unique=True, editable=False, error_messages={"unique": ONE_IDENTITY}
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        default="Alliance territoriale",
        help_text=_("The alliance's full name, as in its founding texts."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        default="Alliance",
        help_text=_("Shown in the header, page titles and email subjects."),
    )
    mission = models.CharField(
        _("mission in one sentence"),
        max_length=300,
        blank=True,
        help_text=_("Shown at the foot of every page."),
    )
    home_intro = models.TextField(
        _("introduction of the home page"),
        blank=True,
        help_text=_("What the alliance is, for anyone who arrives."),
    )
    organigram_intro = models.TextField(_("introduction of the organigram"), blank=True)
    chantiers_intro = models.TextField(_("introduction of the chantiers page"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to=logo_path,
        blank=True,
        max_length=200,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS), validate_logo],
        help_text=_("PNG, JPEG or WebP, 512 KB at most; shown in the header."),
    )
    colour = models.CharField(
        _("main colour"),
        max_length=7,
        default="#0b4f6c",
        validators=[colour_field],
        help_text=_("Links and borders; it must read well on white (contrast 4.5:1 or more)."),
    )
    header_colour = models.CharField(
        _("header colour"),
        max_length=7,
        default="#073a50",
        validators=[colour_field],
        help_text=_("Behind the header's white text (contrast 4.5:1 or more)."),
    )
    contact_email = models.EmailField(_("contact address"), blank=True)
    privacy_officer = models.CharField(
        _("person in charge of personal information"),
        max_length=200,
        blank=True,
        help_text=_("Who answers requests about personal information (Loi 25), with the title."),
    )
    privacy_email = models.EmailField(_("address for personal information"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("identity of the alliance")
        verbose_name_plural = _("identity of the alliance")
        constraints = [
            models.CheckConstraint(
                condition=Q(singleton=True),
                name="identity_is_one_record",
                violation_error_message=ONE_IDENTITY,
            )
        ]

    def __str__(self):
        return self.short_name

    def save(self, *args, **kwargs):
        self.singleton = True
        super().save(*args, **kwargs)
        forget_identity()

    def clean(self):
        errors = {}
        for field, backgrounds, what in (
            ("colour", LINK_BACKGROUNDS, _("on white")),
            ("header_colour", ("#ffffff",), _("under white text")),
        ):
            value = getattr(self, field)
            if HEX_COLOUR.match(value or ""):
                ratio = min(contrast(value, background) for background in backgrounds)
                if ratio < MINIMUM_CONTRAST:
                    errors[field] = ValidationError(
                        _(
                            "This colour reads poorly %(what)s (contrast %(ratio).1f:1; 4.5:1 "
                            "at least): choose a darker one."
                        ),
                        params={"what": what, "ratio": ratio},
                        code="contrast",
                    )
        if errors:
            raise ValidationError(errors)

    def colours(self):
        """(main, header) as the stylesheet writes them: a value that is not a colour (saved
        around the form's checks) falls back to the default, never reaching the CSS."""
        defaults = {field.name: field.default for field in self._meta.fields}
        return tuple(
            value if HEX_COLOUR.match(value or "") else defaults[name]
            for name, value in (("colour", self.colour), ("header_colour", self.header_colour))
        )

    @staticmethod
    def rgb(colour):
        return ", ".join(str(int(colour[i : i + 2], 16)) for i in (1, 3, 5))


_kept = threading.local()


def forget_identity():
    _kept.__dict__.clear()


def keep_identity(identity):
    """Keep `identity` as if just read (the tests start each with the default one, as a
    process does once it has read it: no query)."""
    _kept.identity, _kept.read_at = identity, time.monotonic()


def current_identity():
    """The alliance's identity (an unsaved default before the administrator writes one),
    kept in the process for KEPT_SECONDS: every page reads it."""
    kept = getattr(_kept, "identity", None)
    if kept is None or time.monotonic() - _kept.read_at > KEPT_SECONDS:
        try:
            found = AllianceIdentity.objects.first()
        except DatabaseError:  # the styled 503 page, when the database is down, has it too
            return kept or AllianceIdentity()
        kept = found or AllianceIdentity()
        keep_identity(kept)
    # A kept page shows it: an edit (a write to its table) makes the page out of date.
    pagecache.depends_on(AllianceIdentity._meta.db_table)
    return kept
