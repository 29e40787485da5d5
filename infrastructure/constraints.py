"""The person's words for a database constraint that refused a change.

Every constraint of the portal's models carries a `violation_error_message` (English source,
French translation) that forms show when they validate it. Workflows refuse with their own
messages before the database does; when two people race, or a form does not validate a
constraint it cannot see (a field the view or the workflow sets), the database refuses
with an IntegrityError. `violated_constraint` finds which constraint it was, on PostgreSQL
(the constraint's name) and SQLite (its name, its index, or the table's columns), and
`IntegrityErrorMiddleware` shows its message instead of a server error.
"""

import re

from django.apps import apps
from django.contrib import messages
from django.db import IntegrityError, models
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from infrastructure.record_lock import is_lock_refusal

# The apps of the portal: their models' constraints all carry a message of their own.
PORTAL_APPS = ["accounts", "governance", "meetings", "elections", "chantiers", "privacy"]

_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\S+)")
_SQLITE_INDEX = re.compile(r"UNIQUE constraint failed: index '([^']+)'")
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")


def portal_constraints():
    """(model, constraint) of every constraint declared by the portal's models."""
    for label in PORTAL_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            for constraint in model._meta.constraints:
                yield model, constraint


def _name(model, constraint):
    return constraint.name % {
        "app_label": model._meta.app_label.lower(),
        "class": model.__name__.lower(),
    }


def violated_constraint(error):
    """The (model, constraint) of the portal that `error` (an IntegrityError) reports, or
    None when it is not one of them (a foreign key, a NOT NULL column…)."""
    cause = error.__cause__
    text = str(cause or error)
    name = getattr(getattr(cause, "diag", None), "constraint_name", None)  # PostgreSQL
    if name is None and (match := _SQLITE_CHECK.search(text) or _SQLITE_INDEX.search(text)):
        name = match.group(1)
    if name is not None:
        for model, constraint in portal_constraints():
            if _name(model, constraint) == name:
                return model, constraint
        return None
    if match := _SQLITE_UNIQUE.search(text):
        columns = [part.strip() for part in match.group(1).split(",")]
        tables = {column.split(".", 1)[0] for column in columns}
        names = {column.split(".", 1)[-1] for column in columns}
        for model, constraint in portal_constraints():
            if model._meta.db_table not in tables or not isinstance(
                constraint, models.UniqueConstraint
            ):
                continue
            fields = {model._meta.get_field(field).column for field in constraint.fields}
            if fields and fields == names:
                return model, constraint
    return None


def message_for(error):
    """What to tell the person of `error` (an IntegrityError): the message of the constraint
    it reports, or a general one."""
    if is_lock_refusal(error):  # a trigger of infrastructure.record_lock
        return _(
            "Nothing was saved: this record is kept as it was adopted and no longer changes. "
            "Record a correction instead."
        )
    found = violated_constraint(error)
    if found is not None:
        return str(found[1].violation_error_message)
    return _(
        "Nothing was saved: this change contradicts a rule of the portal, or someone changed "
        "the same record a moment ago. Read the page again and retry."
    )


class IntegrityErrorMiddleware:
    """A change the database refused is said in words, on the page it was made from: the
    message of the constraint (in the person's language), never a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IntegrityError) or request.method != "POST":
            return None
        messages.error(request, message_for(exception))
        return redirect(request.get_full_path())
