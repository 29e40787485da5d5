"""What changed in a meeting's records, by whom and when; and bringing a version back."""

from django.core.exceptions import PermissionDenied
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


class RestoreRefused(Exception):
    pass


def restore(kind, history_id, user):
    """Make a past version current again (a new version, so the history keeps both)."""
    if kind not in TRACKED:
        raise PermissionDenied
    model, _key = TRACKED[kind]
    record = model.history.get(history_id=history_id)
    meeting_id = record.id if kind == "meeting" else record.meeting_id
    meeting = Meeting.objects.get(pk=meeting_id)
    if not user.has_perm("meetings.restore_version"):
        raise PermissionDenied
    if kind in ("item", "decision") and meeting.minutes_adopted:
        raise RestoreRefused(
            _("These minutes were adopted: record a correction instead of restoring a version.")
        )
    instance = record.instance
    current = model.objects.filter(pk=record.id).first()
    instance.version = (current.version + 1) if current else 0
    if kind == "meeting":
        # The adoption of the minutes is recorded at another meeting: it is not undone here.
        instance.minutes_adopted_at_id = current.minutes_adopted_at_id
    instance._change_reason = _("Restored the version of %(date)s") % {
        "date": record.history_date.strftime("%Y-%m-%d %H:%M")
    }
    instance.save()
    return meeting
