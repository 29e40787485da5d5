"""Every change of state of a meeting and of its records, one function per move.

    prévue (planned) ──convene──▶ convoquée (convened) ──mark_held──▶ tenue (held)
         │                              │                               │
         └──────────cancel──────────────┴──▶ annulée (cancelled)        │
                                                                        ▼
    records: draft ──publish──▶ published (──unpublish──▶ draft)    minutes adopted at a
                                                                    later meeting (adopt_minutes)

- a cancelled meeting is not convened, held, published, nor given decisions, mandates or
  action items; a held meeting is no longer cancelled nor convened;
- once its minutes are adopted, a meeting's agenda, minutes, attendance and decisions do not
  change: corrections are recorded beside the minutes (add_amendment);
- agenda positions stay 1, 2, 3… when an item is added, moved or taken off;
- the list of people convened is frozen once the meeting is held or cancelled.

Who may do what is decided by the rules (meetings.rules: `keep_records`), checked by the
views before they call these functions; the admin and the commands call them too. Each
function runs in one transaction, locks the meeting's row (or the record's) before checking
its rule, and raises WorkflowError with a message for the person when the rule refuses,
leaving the database as it was. Emails are queued to the worker once the transaction commits.

Editing functions take a bound, valid versioned form: the rule is checked under the lock, then
the form saves unless someone else saved meanwhile (it returns None then, its errors saying
so).
"""

from meetings.workflow.agenda import (
    add_amendment,
    add_item,
    adopt_minutes,
    delete_item,
    edit_item,
    edit_minutes,
    move_item,
)
from meetings.workflow.base import WorkflowError, check_record_open
from meetings.workflow.lifecycle import (
    attendance_is_frozen,
    cancel_meeting,
    check_cancellable,
    check_convenable,
    check_editable,
    convene,
    create_meeting,
    edit_meeting,
    mark_held,
    publish,
    restore_version,
    sync_attendance,
    unpublish,
)
from meetings.workflow.records import (
    add_action,
    add_document,
    add_guest,
    delete_document,
    edit_action,
    edit_decision,
    give_mandate,
    mark_action_done,
    record_attendance,
    record_decision,
    replace_document,
    update_mandate,
)

__all__ = [
    "WorkflowError",
    "add_action",
    "add_amendment",
    "add_document",
    "add_guest",
    "add_item",
    "adopt_minutes",
    "attendance_is_frozen",
    "cancel_meeting",
    "check_cancellable",
    "check_convenable",
    "check_editable",
    "check_record_open",
    "convene",
    "create_meeting",
    "delete_document",
    "delete_item",
    "edit_action",
    "edit_decision",
    "edit_item",
    "edit_meeting",
    "edit_minutes",
    "give_mandate",
    "mark_action_done",
    "mark_held",
    "move_item",
    "publish",
    "record_attendance",
    "record_decision",
    "replace_document",
    "restore_version",
    "sync_attendance",
    "unpublish",
    "update_mandate",
]
