"""Convening a meeting: one email per person, in their language, with an .ics, sent by the
worker; those who chose a weekly digest find the convocation there."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from governance.models import Frequency
from governance.notifications import one_language
from infrastructure.outbox import enqueue_each_after_commit
from meetings import tasks
from meetings.models import Convocation, MeetingStatus, PendingNotification


def _preferences_of(row):
    return getattr(row.person, "notification_preferences", None) if row.person else None


def send_convocation(meeting, sent_by, base_url):
    """Queue the convocation of every listed member, observer and guest who has an address
    (or keep it for their digest); record who gets it."""
    meeting.sync_attendance()
    rows = list(
        meeting.attendance.select_related("person__notification_preferences").order_by("pk")
    )
    url = base_url + meeting.get_absolute_url()
    digest, by_email, recipients, now = [], [], [], timezone.now()
    for row in rows:
        if not row.email:
            continue
        preferences = _preferences_of(row)
        row.convened_at = now
        if preferences and preferences.convocations == Frequency.WEEKLY:
            context = {"meeting": meeting, "items": [], "name": row.name, "url": url}
            with one_language(row.person):
                subject = render_to_string("meetings/email/convocation_subject.txt", context)
            digest.append(
                PendingNotification(
                    person=row.person, kind="convocation", subject=subject.strip(), url=url
                )
            )
            recipients.append({"name": row.name, "email": row.email, "by": "digest"})
        else:
            by_email.append(row)
            recipients.append({"name": row.name, "email": row.email, "by": "email"})
    with transaction.atomic():
        PendingNotification.objects.bulk_create(digest)
        for row in rows:
            if row.convened_at == now:
                row.save(update_fields=["convened_at"])
        convocation = Convocation.objects.create(
            meeting=meeting, sent_by=sent_by, sent_at=now, recipients=recipients
        )
        if meeting.status == MeetingStatus.PLANNED:
            meeting.status = MeetingStatus.CONVENED
            meeting.version += 1
            meeting.save(update_fields=["status", "version"])
        enqueue_each_after_commit(
            tasks.send_convocation,
            [
                {"attendance_id": row.pk, "convocation_id": convocation.pk, "base_url": base_url}
                for row in by_email
            ],
        )
    return convocation


def send_cancellation(meeting, base_url):
    """Queue the cancellation notice of everyone who was convened; returns how many.
    Cancellations are never held for a digest."""
    rows = meeting.attendance.filter(convened_at__isnull=False).select_related("person")
    told = [
        {"attendance_id": row.pk, "base_url": base_url} for row in rows.order_by("pk") if row.email
    ]
    enqueue_each_after_commit(tasks.send_cancellation, told)
    return len(told)
