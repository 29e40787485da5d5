"""What changed in a meeting's records, by whom and when (infrastructure.history builds the
entries; meetings.workflow.restore_version brings a version back)."""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from infrastructure.history import Log, Source, build_history
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Mandate,
    MandateUpdate,
    Meeting,
    MinutesAmendment,
)

# The records of a meeting whose versions may be restored, by the name in addresses.
TRACKED = {
    "meeting": (Meeting, "id"),
    "item": (AgendaItem, "meeting_id"),
    "decision": (Decision, "meeting_id"),
    "mandate": (Mandate, "meeting_id"),
    "action": (ActionItem, "meeting_id"),
}


def meeting_history(meeting):
    """Every version of the meeting and of its records (agenda, attendance, documents,
    minutes and their corrections, decisions, mandates, action items), newest first."""
    # Adopted minutes are corrected, not restored (meetings.workflow.restore_version refuses):
    # their items and decisions offer no restore.
    kept_as_adopted = {"item", "decision"} if meeting.minutes_adopted else set()
    restorable = [
        Source(model, {key: meeting.pk}, kind="" if kind in kept_as_adopted else kind)
        for kind, (model, key) in TRACKED.items()
    ]
    # Items deleted since keep their corrections in the history: look them up in the versions.
    items = AgendaItem.history.filter(meeting_id=meeting.pk).values("id")
    return build_history(
        [
            *restorable,
            # A guest's email is a contact detail, not part of the record: never shown here.
            Source(Attendance, {"meeting_id": meeting.pk}, hidden=frozenset({"guest_email"})),
            Source(
                Document,
                {"meeting_id": meeting.pk},
                labels={"uploaded_by": _("added by")},
                formats={"size": filesizeformat},
            ),
            Source(MinutesAmendment, {"item_id__in": items}, labels={"made_by": _("made by")}),
        ]
    )


def mandate_history(mandate):
    """Every version of the mandate and every update recorded on it, newest first. Its
    versions are restorable when it was given at a meeting (restore_version locks it)."""
    kind = "mandate" if mandate.meeting_id else ""
    return build_history(
        [
            Source(Mandate, {"id": mandate.pk}, kind=kind),
            Log(MandateUpdate, {"mandate_id": mandate.pk}, date="made_at", user="made_by"),
        ]
    )
