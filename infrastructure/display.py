"""A stored value as people read it: choice labels rather than keys, yes/no, a related record
by its name, dates and times in local time and the reader's language.

The history pages (infrastructure.history) and the edit-conflict table
(infrastructure.versioning) show values this one way, so that two values compare as displayed.
"""

import datetime
import re
from pathlib import Path

from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

EMPTY = "—"


def flat_choices(choices):
    """{key: label} of (possibly grouped) choices."""
    flat = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.update(flat_choices(label))
        else:
            flat[key] = label
    return flat


def shown(value, choices=None):
    """`value` as a page shows it; `choices` ({key: label}) for a field with choices."""
    if value is None or value == "" or (isinstance(value, list | tuple) and not value):
        return EMPTY
    if choices is not None and not isinstance(value, list | tuple):
        return str(choices.get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return moment(value)
    if isinstance(value, datetime.date):
        return day(value)
    if isinstance(value, FieldFile):
        return Path(value.name).name if value.name else EMPTY
    if isinstance(value, list | tuple):
        return ", ".join(sorted(shown(item, choices) for item in value))
    return str(value)


# Dates, times and numbers as a Québec reader reads them (« 1er décembre 2026, 9 h 05 »,
# « 40 000 kg »), and as an English reader does in English. The formats are the locale's
# (dsi_portal/formats/fr_CA); this adds the « 1er » of the first day of the month, which no
# Django format gives. Every page shows dates through these (templatetags `display`); ISO
# dates are for machine exports only.


def _french():
    return (translation.get_language() or "").startswith("fr")


def _format(value, format_name, weekday=False):
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    pattern = formats.get_format(format_name)
    if weekday:
        pattern = ("l " if _french() else "l, ") + pattern
    if _french() and getattr(value, "day", None) == 1:
        pattern = re.sub(r"(?<!\\)j", r"\\1\\e\\r", pattern)
    return formats.date_format(value, pattern)


def day(value):
    """« 19 juin 2027 », « 1er décembre 2026 »; « June 19, 2027 » in English."""
    return _format(value, "DATE_FORMAT")


def weekday(value):
    """« samedi 4 juillet 2026 »."""
    return _format(value, "DATE_FORMAT", weekday=True)


def day_month(value):
    """« 1er décembre »."""
    return _format(value, "MONTH_DAY_FORMAT")


def moment(value):
    """« 1er décembre 2026, 12 h 31 »."""
    return _format(value, "DATETIME_FORMAT")


def weekday_moment(value):
    """« samedi 4 juillet 2026, 9 h 00 »."""
    return _format(value, "DATETIME_FORMAT", weekday=True)


def hour(value):
    """« 12 h 31 »; « 12:31 p.m. » in English."""
    return _format(value, "TIME_FORMAT")


def dated(value):
    """A date as `day`, a date and time as `moment`, anything else as it is."""
    if isinstance(value, datetime.datetime):
        return moment(value)
    if isinstance(value, datetime.date):
        return day(value)
    return value


NUMBER_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=[^\W\d]|%|\$)")


def unbroken_numbers(text):
    """`text` with non-breaking spaces inside its numbers and before their units (« 40 000 kg »,
    « 12 % »), so that no line breaks them."""
    return NUMBER_SPACE.sub("\xa0", str(text)) if text is not None else ""


# A vowel or a mute h: « d’instance », « d’Isabelle », « d’Hélène », « d’hôpital »; an h
# before other letters is taken as aspirated (« de Houde », « de hockey »).
ELIDES = re.compile(r"^(?:[aeiouyàâäéèêëîïôöûùüœæ]|h[éèêôi])", re.IGNORECASE)


def elides(value):
    """Whether a French word elides before `value`."""
    return bool(ELIDES.match(str(value).lstrip("« \xa0")))


def de(value):
    """« de X » or « d’X » in French, by the first letter of `value`; `value` in English."""
    if not _french():
        return str(value)
    return f"d’{value}" if elides(value) else f"de {value}"


ELIDED_WORD = re.compile(r"\b(de|que|le|la|ce|je|ne|se)$", re.IGNORECASE)


def before(label, value):
    """`label` as it reads before `value`: « relève d’ » before « Assemblée… », « relève de »
    and a space before « Comité… »; in English, the label and a space."""
    label = str(label)
    match = ELIDED_WORD.search(label) if _french() and elides(value) else None
    if match is None:
        return f"{label} "
    word = match.group(1)
    return label[: match.start()] + (word[:-1] if word.lower() == "que" else word[0]) + "’"


def colon():
    """« : » as the reader's language writes it: after a non-breaking space in French."""
    return "\xa0: " if _french() else ": "
