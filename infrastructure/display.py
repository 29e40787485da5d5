"""A stored value as people read it: choice labels rather than keys, yes/no, a related record
by its name, dates and times in local time and the reader's language.

The history pages (infrastructure.history) and the edit-conflict table
(infrastructure.versioning) show values this one way, so that two values compare as displayed.
"""

import datetime
from pathlib import Path

from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
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
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, FieldFile):
        return Path(value.name).name if value.name else EMPTY
    if isinstance(value, list | tuple):
        return ", ".join(sorted(shown(item, choices) for item in value))
    return str(value)
