"""Action items follow their people: whoever is asked is told when it is given to them and,
REMINDER_DAYS days before it is due, reminded (by `manage.py send_reminders`, every day).

Who is told: the person named, and, for an organisation, its current members who have an
email address. Each one as they chose on their email preferences (`actions`: right away, or
in their weekly digest), in their language. A reminder goes once per due date: the item
notes the due date it was sent for (`reminded_for`), in the transaction that queues it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse

from governance.models import Affiliation, Frequency, NotificationPreferences, Person
from infrastructure.outbox import enqueue_each_after_commit
from infrastructure.periods import today
from meetings import tasks
from meetings.models import ActionItem, PendingNotification

# How many days before an action item is due its people are reminded of it.
REMINDER_DAYS = 3


def assignees(action, on=None):
    """Who is asked to do `action`: the person named and the organisation's current members,
    those with an email address, each once."""
    members = Affiliation.objects.current(on).filter(organisation_id=action.organisation_id)
    people = Person.objects.exclude(email="").filter(
        Q(pk=action.person_id) | Q(affiliations__in=members)
    )
    return people.distinct().select_related("notification_preferences").order_by("pk")


def _frequency(person):
    try:
        return person.notification_preferences.actions
    except NotificationPreferences.DoesNotExist:
        return NotificationPreferences._meta.get_field("actions").default


def notify(action, kind, base_url=None):
    """Tell the people of `action` that it was given to them (`kind` "assigned") or is due
    soon ("due"): an email queued for each one once this transaction commits, or a line of
    their weekly digest. Returns (emails queued, lines kept for digests)."""
    base_url = base_url or settings.PORTAL_URL
    url = base_url + reverse("meetings:my-actions")
    queued, pending = [], []
    for person in assignees(action):
        if _frequency(person) == Frequency.WEEKLY:
            subject = tasks.action_message(person, kind, action, url)[0]
            pending.append(
                PendingNotification(person=person, kind="actions", subject=subject, url=url)
            )
        else:
            queued.append(
                {"person_id": person.pk, "action_id": action.pk, "kind": kind, "base_url": base_url}
            )
    enqueue_each_after_commit(tasks.send_action_notice, queued)
    PendingNotification.objects.bulk_create(pending)
    return len(queued), len(pending)


def send_due_reminders(base_url=None, on=None):
    """Remind the people of every open action item due within REMINDER_DAYS days (today
    included) that was not reminded for this due date yet; returns how many items."""
    on = on or today()
    with transaction.atomic():
        due = list(
            ActionItem.objects.open()
            .filter(due__gte=on, due__lte=on + datetime.timedelta(days=REMINDER_DAYS))
            .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due")))
            .select_for_update(of=("self",))
            .select_related("meeting__body")
            .order_by("due", "pk")
        )
        for action in due:
            notify(action, "due", base_url)
        # Not a change of the item: no new version, no history row.
        ActionItem.objects.filter(pk__in=[action.pk for action in due]).update(
            reminded_for=F("due")
        )
    return len(due)
