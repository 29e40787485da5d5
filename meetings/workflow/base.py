"""What every workflow function shares: the refusal and the locked meeting."""

from django.utils.translation import gettext as _

from meetings.models import Meeting


class WorkflowError(Exception):
    """A move the meeting's state or its records do not allow; `message` is for the person,
    `field` names the form field it is about, when there is one."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def locked(meeting_or_pk):
    """The meeting's row, read again and locked until the transaction ends."""
    pk = getattr(meeting_or_pk, "pk", meeting_or_pk)
    return Meeting.objects.select_for_update().get(pk=pk)


def refuse_if_cancelled(meeting, message):
    if meeting.is_cancelled:
        raise WorkflowError(message)


def refuse_if_adopted(meeting, message=None):
    if meeting.minutes_adopted:
        raise WorkflowError(
            message
            or _("These minutes were adopted: they are read-only. Record a correction instead.")
        )


def check_record_open(meeting):
    """Refuse to add to or change the record of a meeting that was cancelled or whose minutes
    were adopted: the views ask before showing a form, the workflow functions ask again under
    the lock."""
    refuse_if_cancelled(meeting, _("This meeting was cancelled: its record does not change."))
    refuse_if_adopted(meeting)


def refuse_if_changed(record, version):
    """Refuse when the record was saved by someone else since `version` was read."""
    if version is not None and record.version != version:
        raise WorkflowError(
            _(
                "Someone else saved changes to this record while you were editing it. "
                "Nothing was saved: read it again first."
            )
        )
