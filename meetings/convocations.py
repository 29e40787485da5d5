"""Sending a meeting's convocation: one email per person, in their language, with an .ics."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from meetings.calendar import calendar_of
from meetings.models import Convocation, Frequency, MeetingStatus, PendingNotification


def _preferences_of(row):
    return getattr(row.person, "notification_preferences", None) if row.person else None


def send_convocation(meeting, sent_by, base_url):
    """Email every listed member, observer and guest who has an address; record who got it."""
    meeting.sync_attendance()
    rows = list(
        meeting.attendance.select_related("person__notification_preferences").order_by("pk")
    )
    items = list(meeting.items.all())
    invitation = calendar_of([meeting], meeting.body.name, base_url, method="REQUEST")
    messages, digest, recipients, now = [], [], [], timezone.now()
    for row in rows:
        if not row.email:
            continue
        preferences = _preferences_of(row)
        language = preferences.language if preferences else settings.LANGUAGE_CODE
        context = {
            "meeting": meeting,
            "items": items,
            "name": row.name,
            "url": base_url + meeting.get_absolute_url(),
        }
        with translation.override(language):
            subject = render_to_string("meetings/email/convocation_subject.txt", context).strip()
            body = render_to_string("meetings/email/convocation_message.txt", context)
        row.convened_at = now
        if preferences and preferences.convocations == Frequency.WEEKLY:
            digest.append(
                PendingNotification(
                    person=row.person, kind="convocation", subject=subject, url=context["url"]
                )
            )
            recipients.append({"name": row.name, "email": row.email, "by": "digest"})
            continue
        message = EmailMultiAlternatives(subject, body, to=[row.email])
        message.attach("invitation.ics", invitation, "text/calendar; method=REQUEST")
        messages.append(message)
        recipients.append({"name": row.name, "email": row.email, "by": "email"})
    with transaction.atomic():
        get_connection(fail_silently=False).send_messages(messages)
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
    return convocation


def send_cancellation(meeting, base_url):
    """Tell everyone who was convened that the meeting is cancelled, and why; the attached
    METHOD:CANCEL takes it off their calendar. Cancellations are never held for a digest."""
    rows = list(
        meeting.attendance.filter(convened_at__isnull=False)
        .select_related("person__notification_preferences")
        .order_by("pk")
    )
    cancellation = calendar_of([meeting], meeting.body.name, base_url, method="CANCEL")
    messages = []
    for row in rows:
        if not row.email:
            continue
        preferences = _preferences_of(row)
        context = {
            "meeting": meeting,
            "name": row.name,
            "url": base_url + meeting.get_absolute_url(),
        }
        with translation.override(preferences.language if preferences else settings.LANGUAGE_CODE):
            subject = render_to_string("meetings/email/cancellation_subject.txt", context).strip()
            body = render_to_string("meetings/email/cancellation_message.txt", context)
        message = EmailMultiAlternatives(subject, body, to=[row.email])
        message.attach("annulation.ics", cancellation, "text/calendar; method=CANCEL")
        messages.append(message)
    get_connection(fail_silently=False).send_messages(messages)
    return len(messages)
