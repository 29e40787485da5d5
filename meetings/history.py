"""What changed in a meeting's records, by whom and when (meetings.workflow.restore_version
brings a version back)."""

from django.utils.translation import gettext as _

from meetings.models import ActionItem, AgendaItem, Decision, Mandate, Meeting

# The records of a meeting whose history is shown and restorable, by the name in addresses.
TRACKED = {
    "meeting": (Meeting, "id"),
    "item": (AgendaItem, "meeting_id"),
    "decision": (Decision, "meeting_id"),
    "mandate": (Mandate, "meeting_id"),
    "action": (ActionItem, "meeting_id"),
}
CHANGE_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


class Entry:
    def __init__(self, kind, record, changes):
        self.kind = kind
        self.record = record
        self.changes = changes
        self.type = CHANGE_TYPES[record.history_type]
        self.model_label = record.instance_type._meta.verbose_name
        self.is_latest = False

    @property
    def label(self):
        return str(self.record.instance)


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def meeting_history(meeting):
    """Every version of the meeting and of its records, newest first, each with its changes."""
    entries = []
    for kind, (model, key) in TRACKED.items():
        records = list(
            model.history.filter(**{key: meeting.pk})
            .select_related("history_user__person")
            .order_by("id", "history_date", "history_id")
        )
        previous = {}
        for record in records:
            changes = []
            before = previous.get(record.id)
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before, foreign_keys_are_objs=True)
                for change in delta.changes:
                    field = model._meta.get_field(change.field)
                    changes.append(
                        (
                            field.verbose_name,
                            _display(field, change.old),
                            _display(field, change.new),
                        )
                    )
            previous[record.id] = record
            entries.append(Entry(kind, record, changes))
        latest = {record.id: record.history_id for record in records}
        for entry in entries:
            if entry.kind == kind and latest.get(entry.record.id) == entry.record.history_id:
                entry.is_latest = True
    entries.sort(key=lambda entry: entry.record.history_date, reverse=True)
    return entries
