"""A meeting's own life: created, convened, held or cancelled, its records published; and
bringing back an earlier version of a record."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from infrastructure import display
from infrastructure.outbox import enqueue_each_after_commit
from meetings import tasks
from meetings.history import TRACKED
from meetings.models import LOGISTICS, Attendance, Convocation, MeetingStatus, logistics_of
from meetings.notifications import notify_published
from meetings.workflow.base import (
    WorkflowError,
    locked,
    refuse_if_adopted,
    refuse_if_cancelled,
    refuse_if_changed,
)


@transaction.atomic
def create_meeting(meeting):
    """Save a new `meeting` (not saved yet) and list every current member of its body."""
    if meeting.ends <= meeting.starts:
        raise WorkflowError(_("The meeting must end after it starts."), field="ends")
    meeting.save()
    meeting.sync_attendance()
    return meeting


def check_editable(meeting):
    """Refuse to edit a meeting whose minutes were adopted, or which was cancelled (the views
    ask before showing the form; edit_meeting asks again under the lock)."""
    refuse_if_adopted(meeting, _("The minutes of this meeting were adopted: it is read-only."))
    refuse_if_cancelled(
        meeting, _("This meeting was cancelled: it stays as it was. Plan a new one instead.")
    )


@transaction.atomic
def edit_meeting(form, base_url):
    """Save the meeting's edited details (a MeetingForm), unless its minutes were adopted. When
    a convened meeting's date, time, place or link changes, everyone convened is sent the
    update (its invitation with the same UID and a higher SEQUENCE), right away, never through
    a digest. Returns the meeting saved, and how many are told, or (None, 0) when someone
    else saved meanwhile."""
    meeting = locked(form.instance)
    check_editable(meeting)
    before = {name: getattr(meeting, name) for name in LOGISTICS}
    saved = form.save_unless_changed()
    if saved is None:
        return None, 0
    if not attendance_is_frozen(saved):
        saved.sync_attendance()  # its day may have moved: the seats of the new day
    told = []
    if saved.status == MeetingStatus.CONVENED and logistics_of(saved) != logistics_of(before):
        before = {
            **before,
            "starts": before["starts"].isoformat(),
            "ends": before["ends"].isoformat(),
        }
        told = [
            {"attendance_id": row.pk, "base_url": base_url, "before": before}
            for row in _convened(saved)
        ]
        enqueue_each_after_commit(tasks.send_convocation_update, told)
    return saved, len(told)


def _convened(meeting):
    """Those sent the convocation who can still be told (who have an address)."""
    rows = meeting.attendance.filter(convened_at__isnull=False).select_related("person")
    return [row for row in rows.order_by("pk") if row.email]


def attendance_is_frozen(meeting):
    """Once a meeting is held or cancelled, its list says who was convened then."""
    return meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED)


@transaction.atomic
def sync_attendance(meeting):
    """List the body's members who joined since; returns how many. Refused once the list is
    frozen (attendance_is_frozen)."""
    meeting = locked(meeting)
    if attendance_is_frozen(meeting):
        raise WorkflowError(
            _("This meeting is %(status)s: the list of people convened stays as it was.")
            % {"status": meeting.get_status_display().lower()}
        )
    return meeting.sync_attendance()


def check_convenable(meeting):
    """Refuse to convene a cancelled or held meeting (the views ask before showing the form;
    convene asks again under the lock)."""
    refuse_if_cancelled(meeting, _("A cancelled meeting is not convened."))
    if meeting.status == MeetingStatus.HELD:
        raise WorkflowError(_("This meeting was held: it is no longer convened."))


@transaction.atomic
def convene(meeting, sent_by, base_url, *, now=None, notify=True):
    """Convene every listed member, observer and guest who has an address: one email each,
    with its calendar invitation, queued for the worker once this commits; a convocation is
    never held for a weekly digest. Records who got it and the quorum rule in force; a
    planned meeting becomes convened.

    `now` dates a convocation sent earlier; with `notify=False` it is recorded without
    telling anyone (the demo records past convocations: emailing them today would be noise)."""
    meeting = locked(meeting)
    check_convenable(meeting)
    meeting.sync_attendance()
    rows = list(meeting.attendance.select_related("person").order_by("pk"))
    now = now or timezone.now()
    convened = [row for row in rows if row.email]
    for row in convened:
        row.convened_at = now
    # One UPDATE and one INSERT of history rows, not two queries per person: an assembly
    # convenes every member organisation's delegate.
    bulk_update_with_history(convened, Attendance, ["convened_at"])
    convocation = Convocation.objects.create(
        meeting=meeting,
        sent_by=sent_by,
        sent_at=now,
        recipients=[{"name": row.name, "email": row.email, "by": "email"} for row in convened],
    )
    # The rule in force at the convocation is the meeting's, whatever the body's becomes.
    fields = meeting.record_quorum_rule(now)
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.CONVENED
        meeting.version += 1
        fields += ["status", "version"]
    meeting.save(update_fields=fields)
    if notify:
        enqueue_each_after_commit(
            tasks.send_convocation,
            [
                {"attendance_id": row.pk, "convocation_id": convocation.pk, "base_url": base_url}
                for row in convened
            ],
        )
    return convocation


def check_cancellable(meeting):
    """Refuse to cancel a meeting that was held or is cancelled already."""
    if meeting.status == MeetingStatus.HELD:
        raise WorkflowError(_("This meeting was held; it can no longer be cancelled."))
    refuse_if_cancelled(meeting, _("This meeting is already cancelled."))


@transaction.atomic
def cancel_meeting(meeting, reason, base_url, version=None):
    """Cancel a meeting not held yet, saying why; everyone convened is told (never through
    a digest). Returns how many will be told."""
    meeting = locked(meeting)
    refuse_if_changed(meeting, version)
    check_cancellable(meeting)
    if not reason.strip():
        raise WorkflowError(
            _("Say why: the reason is shown on the meeting page."), field="cancellation_reason"
        )
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = reason.strip()
    meeting.version += 1
    meeting.save(update_fields=["status", "cancellation_reason", "version"])
    told = [{"attendance_id": row.pk, "base_url": base_url} for row in _convened(meeting)]
    enqueue_each_after_commit(tasks.send_cancellation, told)
    return len(told)


@transaction.atomic
def mark_held(meeting, now=None):
    """Record that a meeting which has started took place."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("A cancelled meeting cannot be marked as held."))
    if meeting.status == MeetingStatus.HELD:
        raise WorkflowError(_("This meeting is already recorded as held."))
    if meeting.starts > (now or timezone.now()):
        raise WorkflowError(_("This meeting has not started yet."))
    meeting.status = MeetingStatus.HELD
    meeting.version += 1
    fields = ["status", "version"]
    if not meeting.quorum_rule_recorded_at:  # held without a convocation through the portal
        fields += meeting.record_quorum_rule(now or timezone.now())
    meeting.save(update_fields=fields)
    return meeting


@transaction.atomic
def publish(meeting, base_url, *, now=None, notify=True):
    """Open the meeting's records to every partner. The first time, those convened (and,
    when decisions were taken, every partner) are told, as each one chose; published again
    after a correction, nobody is told twice.

    `now` dates a publication made earlier, and `notify=False` tells nobody (the demo's
    records were published long ago: news of them today would be noise)."""
    meeting = locked(meeting)
    refuse_if_cancelled(meeting, _("A cancelled meeting has no records to publish."))
    if meeting.is_published:
        raise WorkflowError(_("The records of this meeting are already published."))
    first_time = not meeting.history.filter(published_at__isnull=False).exists()
    meeting.published_at = now or timezone.now()
    meeting.version += 1
    meeting.save(update_fields=["published_at", "version"])
    if first_time and notify:
        notify_published(meeting, base_url)  # queued once this commits
    return meeting


@transaction.atomic
def unpublish(meeting):
    """Take the meeting's records back to draft (to correct them before publishing again)."""
    meeting = locked(meeting)
    if not meeting.is_published:
        raise WorkflowError(_("The records of this meeting are already a draft."))
    refuse_if_adopted(
        meeting,
        _("These minutes were adopted: they stay published. Record a correction instead."),
    )
    meeting.published_at = None
    meeting.version += 1
    meeting.save(update_fields=["published_at", "version"])
    return meeting


@transaction.atomic
def restore_version(kind, history_id, user):
    """Make a past version of a meeting's record current again (a new version, so the
    history keeps both); returns the meeting."""
    if kind not in TRACKED or not user.has_perm("meetings.restore_version"):
        raise PermissionDenied
    model, _key = TRACKED[kind]
    record = get_object_or_404(model.history, history_id=history_id)
    meeting_id = record.id if kind == "meeting" else record.meeting_id
    if meeting_id is None:  # a mandate given outside any meeting
        raise WorkflowError(
            _("This mandate was given outside any meeting: its versions are not restored.")
        )
    meeting = locked(meeting_id)
    if kind in ("meeting", "item", "decision"):
        refuse_if_adopted(
            meeting,
            _("These minutes were adopted: record a correction instead of restoring a version."),
        )
    instance = record.instance
    current = model.objects.select_for_update().filter(pk=record.id).first()
    instance.version = (current.version + 1) if current else 0
    if kind == "meeting":
        # The adoption of the minutes is recorded at another meeting: it is not undone here.
        instance.minutes_adopted_at_id = current.minutes_adopted_at_id
    if kind == "item":
        # Its place on the agenda is the agenda's, today: moving it back could collide.
        instance.position = current.position if current else meeting.items.count() + 1
    instance._change_reason = _("Restored the version of %(date)s") % {
        "date": display.moment(record.history_date)
    }
    instance.save()
    return meeting
