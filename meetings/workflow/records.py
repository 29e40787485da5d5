"""What a meeting records: attendance, decisions, mandates, action items and documents."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from meetings import reminders
from meetings.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    DecisionMode,
    Mandate,
    MandateUpdate,
)
from meetings.models.decisions import too_many_votes, voting_present
from meetings.workflow.base import WorkflowError, locked, refuse_if_adopted, refuse_if_cancelled


def _refuse_item_of_another_meeting(meeting, record):
    if record.item_id is not None and record.item.meeting_id != meeting.pk:
        raise WorkflowError(_("Choose an item of this meeting’s agenda."), field="item")


# --- Attendance ---------------------------------------------------------------------------


@transaction.atomic
def record_attendance(meeting, statuses):
    """Record who came: `statuses` maps attendance rows of the meeting (their pk) to an
    AttendanceStatus. Returns how many rows changed."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("This meeting was cancelled: nobody attended it."))
    refuse_if_adopted(meeting, _("The minutes of this meeting were adopted: its attendance stays."))
    # Without the default ordering, which joins the person: rows of this table only are locked.
    rows = meeting.attendance.order_by().select_for_update(of=("self",)).in_bulk(list(statuses))
    if len(rows) != len(statuses):
        raise WorkflowError(_("Someone in this list is not listed for this meeting."))
    changed = []
    for pk, status in statuses.items():
        row = rows[pk]
        if status not in AttendanceStatus.values:
            raise WorkflowError(_("Choose an attendance for everyone listed."))
        if row.status != status:
            row.status = status
            changed.append(row)
    # One UPDATE and one INSERT of history rows for the whole list, not two queries a person.
    bulk_update_with_history(changed, Attendance, ["status"])
    return len(changed)


@transaction.atomic
def add_guest(meeting, guest):
    """List a guest or observer (an Attendance row not saved yet) at the meeting."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("This meeting was cancelled: nobody attends it."))
    refuse_if_adopted(meeting, _("The minutes of this meeting were adopted: its attendance stays."))
    if not guest.guest_name.strip():
        raise WorkflowError(_("Give the guest’s name."), field="guest_name")
    guest.meeting = meeting
    guest.person = None
    guest.voting = False
    guest.save()
    return guest


# --- Decisions ----------------------------------------------------------------------------


def _note_voting_present(meeting, decision):
    """Note, with the quorum, how many voting members are present; refuse a vote whose
    counts exceed them (the database refuses it too: decision_votes_within_voting_present)."""
    decision.voting_present = voting_present(meeting)
    if decision.mode == DecisionMode.VOTE and decision.votes_cast > decision.voting_present:
        raise WorkflowError(
            too_many_votes(decision.votes_cast, decision.voting_present),
            field="votes_for",
        )


@transaction.atomic
def record_decision(meeting, decision):
    """Record `decision` (not saved yet) as taken at the meeting, noting whether the quorum
    was met at that moment."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("A cancelled meeting takes no decision."))
    refuse_if_adopted(
        meeting, _("The minutes of this meeting were adopted: no decision is added to them.")
    )
    _refuse_item_of_another_meeting(meeting, decision)
    decision.meeting = meeting
    decision.quorum_met = meeting.quorum().is_met
    _note_voting_present(meeting, decision)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:  # the same number taken by someone else a moment before
        raise WorkflowError(
            _("Another decision already has this number."), field="number"
        ) from None
    return decision


@transaction.atomic
def edit_decision(form):
    """Save an edited decision (a DecisionForm), while the minutes holding it are a draft."""
    decision = form.instance
    meeting = locked(decision.meeting_id)
    refuse_if_adopted(
        meeting, _("The minutes holding this decision were adopted: it is read-only.")
    )
    _refuse_item_of_another_meeting(meeting, decision)
    _note_voting_present(meeting, decision)
    return form.save_unless_changed()


# --- Mandates -----------------------------------------------------------------------------


@transaction.atomic
def give_mandate(meeting, mandate):
    """Record `mandate` (not saved yet) as given by the meeting's body to another body."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("A cancelled meeting gives no mandate."))
    if mandate.given_to_id == meeting.body_id:
        raise WorkflowError(_("A body gives mandates to another body."), field="given_to")
    if mandate.decision_id is not None and mandate.decision.meeting_id != meeting.pk:
        raise WorkflowError(_("Choose a decision of this meeting."), field="decision")
    mandate.meeting = meeting
    mandate.given_by = meeting.body
    mandate.save()
    return mandate


@transaction.atomic
def update_mandate(mandate, made_by, status, note, *, now=None):
    """Record where a mandate stands (a MandateUpdate, dated `now`, by default the present
    moment) and give the mandate that status."""
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if not note.strip():
        raise WorkflowError(_("Say where things stand."), field="note")
    update = MandateUpdate.objects.create(
        mandate=mandate,
        made_by=made_by,
        status=status,
        note=note.strip(),
        made_at=now or timezone.now(),
    )
    mandate.status = status
    mandate.version += 1
    mandate.save(update_fields=["status", "version"])
    return update


# --- Action items -------------------------------------------------------------------------


def _refuse_nobody(action):
    if action.person_id is None and action.organisation_id is None:
        raise WorkflowError(
            _("Say who will do it: a person, an organisation or both."), field="person"
        )


@transaction.atomic
def add_action(meeting, action, base_url=None, *, notify=True):
    """Record `action` (not saved yet): something a person or organisation will do. Whoever
    is asked is told (meetings.reminders), once this commits, unless `notify` is False."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("A cancelled meeting gives no action item."))
    _refuse_nobody(action)
    _refuse_item_of_another_meeting(meeting, action)
    action.meeting = meeting
    action.save()
    if notify:
        reminders.notify(action, "assigned", base_url)
    return action


@transaction.atomic
def edit_action(form, base_url=None):
    """Save an edited action item (an ActionItemForm); when it is given to someone else,
    they are told (meetings.reminders)."""
    action = form.instance
    meeting = locked(action.meeting_id)
    refuse_if_cancelled(meeting, _("A cancelled meeting gives no action item."))
    _refuse_nobody(action)
    _refuse_item_of_another_meeting(meeting, action)
    reassigned = {"person", "organisation"} & set(form.changed_data)
    saved = form.save_unless_changed()
    if saved is not None and reassigned and saved.status == ActionStatus.OPEN:
        reminders.notify(saved, "assigned", base_url)
    return saved


@transaction.atomic
def mark_action_done(action):
    """Mark an open action item done."""
    action = ActionItem.objects.select_for_update().get(pk=action.pk)
    if action.status != ActionStatus.OPEN:
        raise WorkflowError(
            _("“%(title)s” is already %(status)s.")
            % {"title": action.title, "status": action.get_status_display().lower()}
        )
    action.status = ActionStatus.DONE
    action.version += 1
    action.save(update_fields=["status", "version"])
    return action


# --- Documents ----------------------------------------------------------------------------


@transaction.atomic
def add_document(meeting, document, uploaded_by):
    """Attach `document` (not saved yet, its file uploaded) to the meeting or one item."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("This meeting was cancelled: no document is added to it."))
    _refuse_if_kept_as_adopted(meeting)
    _refuse_item_of_another_meeting(meeting, document)
    document.meeting = meeting
    document.uploaded_by = uploaded_by
    document.size = document.file.size
    document.save()
    return document


def _refuse_if_kept_as_adopted(meeting):
    refuse_if_adopted(
        meeting,
        _(
            "These minutes were adopted: their documents are part of the record, and none "
            "is added, replaced or deleted any more."
        ),
    )


@transaction.atomic
def replace_document(form):
    """Save a DocumentForm on an existing document (a new title, item or file) until the
    minutes are adopted; the version replaced stays in the document's history."""
    document = form.instance
    meeting = locked(document.meeting_id)
    _refuse_if_kept_as_adopted(meeting)
    refuse_if_cancelled(meeting, _("This meeting was cancelled: no document is added to it."))
    _refuse_item_of_another_meeting(meeting, document)
    document = form.save(commit=False)
    document.size = document.file.size
    document.save()
    return document


@transaction.atomic
def delete_document(document):
    """Take a document off the meeting until its minutes are adopted. The file stays in the
    storage: the history row that records the deletion still names it, for an audit."""
    meeting = locked(document.meeting_id)
    _refuse_if_kept_as_adopted(meeting)
    document.delete()
    return meeting
