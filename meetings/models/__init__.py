"""Meetings of the alliance's bodies and everything recorded about them.

A meeting belongs to a body. Its agenda items carry the minutes (procès-verbal), its
attendance rows record who was convened and who came, and decisions, mandates and action
items hang off it. Every record keeps its history (django-simple-history), and the ones
edited through forms carry a `version` for optimistic concurrency.

One module per concern; every public name is importable from `meetings.models`. Changing
their state goes through `meetings.workflow`.
"""

from meetings.models.agenda import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MAX_BYTES,
    AgendaItem,
    AmendmentSubject,
    Document,
    ItemKind,
    MinutesAmendment,
    document_path,
    validate_document_size,
)
from meetings.models.attendance import (
    Attendance,
    AttendanceCapacity,
    AttendanceStatus,
    Convocation,
)
from meetings.models.decisions import (
    LINKING_WORDS,
    ActionItem,
    ActionItemQuerySet,
    ActionStatus,
    Decision,
    DecisionMode,
    DecisionOutcome,
    DecisionQuerySet,
    Mandate,
    MandateStatus,
    MandateUpdate,
    body_initials,
)
from meetings.models.meetings import (
    LOGISTICS,
    Meeting,
    MeetingQuerySet,
    MeetingStatus,
    Quorum,
    QuorumRule,
    default_meeting_end,
    logistics_of,
    rule_for,
)
from meetings.models.notifications import (
    CalendarFeed,
    PendingNotification,
    new_token,
)

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "DOCUMENT_MAX_BYTES",
    "LINKING_WORDS",
    "LOGISTICS",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionStatus",
    "AgendaItem",
    "AmendmentSubject",
    "Attendance",
    "AttendanceCapacity",
    "AttendanceStatus",
    "CalendarFeed",
    "Convocation",
    "Decision",
    "DecisionMode",
    "DecisionOutcome",
    "DecisionQuerySet",
    "Document",
    "ItemKind",
    "Mandate",
    "MandateStatus",
    "MandateUpdate",
    "Meeting",
    "MeetingQuerySet",
    "MeetingStatus",
    "MinutesAmendment",
    "PendingNotification",
    "Quorum",
    "QuorumRule",
    "body_initials",
    "default_meeting_end",
    "document_path",
    "logistics_of",
    "new_token",
    "rule_for",
    "validate_document_size",
]
