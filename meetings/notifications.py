"""Telling people that records were published, right away or in their weekly digest."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from governance.models import Affiliation, Person
from meetings.models import Frequency, NotificationPreferences, PendingNotification


def _preferences(person):
    try:
        return person.notification_preferences
    except NotificationPreferences.DoesNotExist:
        return NotificationPreferences(person=person)


def notify(people, kind, subject_template, context, url):
    """Email `kind` news to each person now, or keep it for their digest, as they chose.

    `kind` is a field of NotificationPreferences: "records" or "decisions".
    """
    messages, pending = [], []
    for person in people:
        if not person.email:
            continue
        preferences = _preferences(person)
        with translation.override(preferences.language or settings.LANGUAGE_CODE):
            subject = render_to_string(subject_template, context).strip()
            body = render_to_string(
                "meetings/email/notification_message.txt",
                {**context, "person": person, "subject": subject, "url": url},
            )
        if getattr(preferences, kind) == Frequency.WEEKLY:
            pending.append(PendingNotification(person=person, kind=kind, subject=subject, url=url))
        else:
            messages.append(EmailMessage(subject, body, to=[person.email]))
    get_connection(fail_silently=False).send_messages(messages)
    PendingNotification.objects.bulk_create(pending)
    return len(messages), len(pending)


def notify_published(meeting, base_url):
    """The records of a meeting were published: tell those who were convened to it, and,
    when decisions were taken, every other partner with an account (as each one chose)."""
    url = base_url + meeting.get_absolute_url()
    convened = Person.objects.filter(attendance__meeting=meeting).select_related(
        "notification_preferences"
    )
    sent, kept = notify(
        convened, "records", "meetings/email/records_subject.txt", {"meeting": meeting}, url
    )
    decisions = list(meeting.decisions.order_by("number"))
    if decisions:
        partners = (
            Person.objects.filter(
                user__is_active=True,
                affiliations__in=Affiliation.objects.current().filter(organisation__is_active=True),
            )
            .exclude(attendance__meeting=meeting)
            .distinct()
            .select_related("notification_preferences")
        )
        more = notify(
            partners,
            "decisions",
            "meetings/email/decisions_subject.txt",
            {"meeting": meeting, "decisions": decisions},
            url,
        )
        sent, kept = sent + more[0], kept + more[1]
    return sent, kept
