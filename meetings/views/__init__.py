"""The pages of the meetings app, one module per concern. Each view loads and checks access,
parses the form, calls meetings.workflow for any change, says what happened and redirects."""

from meetings.views.agenda import (
    amendment_create,
    item_create,
    item_delete,
    item_move,
    item_update,
    minutes_adopt,
    minutes_update,
)
from meetings.views.attendance import (
    attendance_csv,
    attendance_update,
    convocation_send,
    guest_add,
)
from meetings.views.calendar import feed_body, feed_person, my_calendar, my_calendar_renew
from meetings.views.common import partners_only
from meetings.views.decisions import (
    action_create,
    action_done,
    action_update,
    decision_create,
    decision_list,
    decision_update,
    mandate_create,
    mandate_detail,
    mandate_history,
    mandate_list,
    my_actions,
)
from meetings.views.documents import (
    document_create,
    document_delete,
    document_download,
    document_replace,
)
from meetings.views.meetings import (
    history,
    history_restore,
    meeting_cancel,
    meeting_create,
    meeting_detail,
    meeting_list,
    meeting_mark_held,
    meeting_publish,
    meeting_update,
    minutes_print,
)
from meetings.views.preferences import email_preferences
from meetings.views.search import search_records

__all__ = [
    "action_create",
    "action_done",
    "action_update",
    "amendment_create",
    "attendance_csv",
    "attendance_update",
    "convocation_send",
    "decision_create",
    "decision_list",
    "decision_update",
    "document_create",
    "document_delete",
    "document_download",
    "document_replace",
    "email_preferences",
    "feed_body",
    "feed_person",
    "guest_add",
    "history",
    "history_restore",
    "item_create",
    "item_delete",
    "item_move",
    "item_update",
    "mandate_create",
    "mandate_detail",
    "mandate_history",
    "mandate_list",
    "meeting_cancel",
    "meeting_create",
    "meeting_detail",
    "meeting_list",
    "meeting_mark_held",
    "meeting_publish",
    "meeting_update",
    "minutes_adopt",
    "minutes_print",
    "minutes_update",
    "my_actions",
    "my_calendar",
    "my_calendar_renew",
    "partners_only",
    "search_records",
]
