"""What the database refuses to change in a meeting's record, whatever writes to it (the
workflow refuses first, with a message: see meetings.workflow).

Once a meeting's minutes are adopted (`minutes_adopted_at` set, by adopt_minutes), the meeting
itself, its agenda items and their minutes, its attendance and convocations, its documents and
its decisions are frozen: not added, changed, moved or deleted. Its records may still be
published (once), never taken back to draft. Corrections (MinutesAmendment) and the history of
every one of these records are only ever added to.

Mandates and action items are not part of the frozen record: they are followed up after the
meeting (their status changes), and their history tells how.
"""

from django.db import connections

from infrastructure.record_lock import AppendOnly, Frozen, FrozenWith, drop_all, install
from meetings.models import (
    AgendaItem,
    Attendance,
    Convocation,
    Decision,
    Document,
    Meeting,
    MinutesAmendment,
)

ADOPTED = "{row}.minutes_adopted_at_id IS NOT NULL"

FROZEN_WITH_THE_MEETING = (AgendaItem, Attendance, Convocation, Document, Decision)


def locks():
    return [
        Frozen(
            Meeting,
            ADOPTED,
            allowed=("version", "published_at"),
            refuse_update=(
                "OLD.published_at IS NOT NULL AND "
                "(NEW.published_at IS NULL OR NEW.published_at <> OLD.published_at)"
            ),
        ),
        *(FrozenWith(model, "meeting", ADOPTED) for model in FROZEN_WITH_THE_MEETING),
        AppendOnly(MinutesAmendment),
        *(
            AppendOnly(model.history.model)
            for model in (Meeting, *FROZEN_WITH_THE_MEETING, MinutesAmendment)
            if hasattr(model, "history")
        ),
    ]


def install_locks(sender=None, using="default", **kwargs):
    """Connected to post_migrate: the triggers follow the tables as they are now."""
    install(locks(), using=using)


def drop_locks(sender=None, using="default", **kwargs):
    """Connected to pre_migrate: the migrations run on tables without the triggers."""
    drop_all(connections[using])
