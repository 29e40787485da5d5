"""Telling people that records were published, right away (by the worker) or in their
weekly digest."""

from governance.models import Affiliation, Frequency, NotificationPreferences, Person
from infrastructure.outbox import enqueue_each_after_commit
from meetings import tasks
from meetings.models import PendingNotification


def _preferences(person):
    try:
        return person.notification_preferences
    except NotificationPreferences.DoesNotExist:
        return NotificationPreferences(person=person)


def notify(people, kind, meeting, base_url):
    """Queue `kind` news of `meeting` for each person now, or keep it for their digest, as
    they chose. `kind` is a field of NotificationPreferences: "records" or "decisions"."""
    url = base_url + meeting.get_absolute_url()
    queued, pending = [], []
    for person in people:
        if not person.email:
            continue
        if getattr(_preferences(person), kind) == Frequency.WEEKLY:
            subject, _body = tasks.notice_message(person, kind, meeting, url)
            pending.append(PendingNotification(person=person, kind=kind, subject=subject, url=url))
        else:
            queued.append(
                {
                    "person_id": person.pk,
                    "meeting_id": meeting.pk,
                    "kind": kind,
                    "base_url": base_url,
                }
            )
    enqueue_each_after_commit(tasks.send_notice, queued)
    PendingNotification.objects.bulk_create(pending)
    return len(queued), len(pending)


def notify_published(meeting, base_url):
    """The records of a meeting were published: tell those who were convened to it, and,
    when decisions were taken, every other partner with an account (as each one chose)."""
    convened = Person.objects.filter(attendance__meeting=meeting).select_related(
        "notification_preferences"
    )
    sent, kept = notify(convened, "records", meeting, base_url)
    if meeting.decisions.exists():
        partners = (
            Person.objects.filter(
                user__is_active=True,
                affiliations__in=Affiliation.objects.current().filter(organisation__is_active=True),
            )
            .exclude(attendance__meeting=meeting)
            .distinct()
            .select_related("notification_preferences")
        )
        more = notify(partners, "decisions", meeting, base_url)
        sent, kept = sent + more[0], kept + more[1]
    return sent, kept
