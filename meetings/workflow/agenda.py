"""The agenda and the minutes: items added, moved, edited and taken off; the minutes written,
adopted at a later meeting, then corrected beside them."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, AmendmentSubject
from meetings.workflow.base import WorkflowError, locked, refuse_if_adopted, refuse_if_cancelled


def _write_positions(items):
    """Number `items` (every item of one meeting, in their new order) 1, 2, 3…

    The rows that move first go above every position in use, then to their place, so that two
    rows never share a position even where the unique constraint is checked row by row
    (SQLite; PostgreSQL defers it to the commit)."""
    moving = [(n, item) for n, item in enumerate(items, start=1) if item.position != n]
    if not moving:
        return
    above = max(item.position for item in items) + 1
    for offset, (_n, item) in enumerate(moving):
        AgendaItem.objects.filter(pk=item.pk).update(position=above + offset)
    for n, item in moving:
        item.position = n
        item.save(update_fields=["position"])  # one history entry per item moved


def _agenda_of(meeting):
    return list(meeting.items.select_for_update().order_by("position", "pk"))


def _refuse_if_closed(meeting):
    refuse_if_cancelled(meeting, _("This meeting was cancelled: its agenda no longer changes."))
    refuse_if_adopted(
        meeting, _("The minutes of this meeting were adopted: its agenda no longer changes.")
    )


@transaction.atomic
def add_item(meeting, item):
    """Put `item` (not saved yet) last on the meeting's agenda."""
    meeting = locked(meeting)
    _refuse_if_closed(meeting)
    item.meeting = meeting
    item.position = (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item.save()
    return item


@transaction.atomic
def edit_item(form):
    """Save an agenda item's edited title, kind, presenter… (an AgendaItemForm)."""
    _refuse_if_closed(locked(form.instance.meeting_id))
    return form.save_unless_changed()


@transaction.atomic
def move_item(item, direction):
    """Move an item one place "up" or "down"; the others keep their order."""
    meeting = locked(item.meeting_id)
    _refuse_if_closed(meeting)
    items = _agenda_of(meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(items):
        raise WorkflowError(_("This item cannot move further that way."))
    items[index], items[target] = items[target], items[index]
    _write_positions(items)
    return items[target]


@transaction.atomic
def delete_item(item):
    """Take an item off the agenda, unless it carries minutes or decisions; the items after
    it move up one place."""
    meeting = locked(item.meeting_id)
    _refuse_if_closed(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.minutes or item.decisions.exists():
        raise WorkflowError(
            _("This item has minutes or decisions; it cannot be taken off the agenda.")
        )
    item.delete()
    _write_positions(_agenda_of(meeting))
    return meeting


@transaction.atomic
def edit_minutes(form):
    """Save the minutes of one item (a MinutesForm), while they are a draft."""
    refuse_if_adopted(locked(form.instance.meeting_id))
    return form.save_unless_changed()


@transaction.atomic
def add_amendment(meeting, amendment, made_by):
    """Record `amendment` (not saved yet) beside the adopted record of `meeting`: beside the
    minutes of its item, its decision, or the attendance. Never written over them: the
    database refuses any change to an adopted record (meetings.locks)."""
    meeting = locked(meeting)
    if not meeting.minutes_adopted:
        raise WorkflowError(_("These minutes are still a draft: edit them directly."))
    if not amendment.text.strip() or not amendment.reason.strip():
        raise WorkflowError(_("Give the correction and its reason."))
    if amendment.subject == AmendmentSubject.MINUTES:
        amendment.decision = None
        if amendment.item_id is None or amendment.item.meeting_id != meeting.pk:
            raise WorkflowError(_("Choose the item whose minutes this corrects."), field="item")
    elif amendment.subject == AmendmentSubject.DECISION:
        amendment.item = None
        if amendment.decision_id is None or amendment.decision.meeting_id != meeting.pk:
            raise WorkflowError(_("Choose the decision this corrects."), field="decision")
    else:
        amendment.item = amendment.decision = None
    amendment.meeting = meeting
    amendment.made_by = made_by
    amendment.save()
    return amendment


@transaction.atomic
def adopt_minutes(meeting, earlier):
    """Record at `meeting` that the minutes of an `earlier` meeting of the same body were
    adopted: from then on they are read-only."""
    meeting = locked(meeting)
    earlier = locked(earlier)
    if earlier.body_id != meeting.body_id or earlier.starts >= meeting.starts:
        raise WorkflowError(_("Minutes are adopted at a later meeting of the same body."))
    if earlier.minutes_adopted:
        raise WorkflowError(_("These minutes were already adopted."))
    refuse_if_cancelled(earlier, _("A cancelled meeting has no minutes to adopt."))
    refuse_if_cancelled(meeting, _("A cancelled meeting adopts no minutes."))
    earlier.minutes_adopted_at = meeting
    earlier.version += 1
    earlier.save(update_fields=["minutes_adopted_at", "version"])
    return earlier
