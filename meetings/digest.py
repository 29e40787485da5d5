"""The weekly digest: one email per person gathering the news they chose to receive weekly."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import pgettext_lazy

from governance.models import Person
from governance.notifications import render_templates
from meetings.models import PendingNotification
from meetings.tasks import send_digest

# The kinds of PendingNotification, in the order the digest lists them.
SECTIONS = [
    ("convocation", pgettext_lazy("digest", "Convocations")),
    ("records", pgettext_lazy("digest", "Newly published records")),
    ("decisions", pgettext_lazy("digest", "Decisions")),
    ("actions", pgettext_lazy("digest", "Action items")),
]


def digest_message(person, notifications):
    """The digest email of `person` listing `notifications`, in their language (French then
    English when they chose none). The labels stay lazy: each language renders its own."""
    known = [kind for kind, _label in SECTIONS]
    sections = [(label, [n for n in notifications if n.kind == kind]) for kind, label in SECTIONS]
    others = [n for n in notifications if n.kind not in known]
    if others:
        sections.append((pgettext_lazy("digest", "Other news"), others))
    context = {
        "person": person,
        "sections": [(label, rows) for label, rows in sections if rows],
        "count": len(notifications),
    }
    subject, body = render_templates(person, "meetings/email/digest", context)
    return EmailMessage(subject, body, to=[person.email])


def send_digest_to(person):
    """Send `person` their digest and forget what it listed, in one transaction.

    Returns the number of notifications sent; if sending fails, the error propagates and
    the notifications stay for the next run.
    """
    with transaction.atomic():
        notifications = list(
            PendingNotification.objects.select_for_update()
            .filter(person=person)
            .order_by("created_at", "pk")
        )
        if not notifications or not person.email:
            return 0
        PendingNotification.objects.filter(pk__in=[n.pk for n in notifications]).delete()
        digest_message(person, notifications).send(fail_silently=False)
    return len(notifications)


def send_digests():
    """Queue the digest of every person who has news waiting; returns how many were queued.
    The worker sends each one (see meetings.tasks.send_digest); a failed one is retried and
    its news stay waiting until it is sent."""
    people = (
        Person.objects.filter(pending_notifications__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        queued = [send_digest.enqueue(person_id=person_id) for person_id in people]
    return len(queued)
