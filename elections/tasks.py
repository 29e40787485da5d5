"""Emails of the elections app: candidacies to confirm or refused (sent by the worker, one per
task, see infrastructure.outbox), and the receipt of a vote (sent at once, see send_receipt)."""

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from elections.models import Candidacy, CandidacyStatus
from governance.models import Person
from governance.notifications import render_templates
from governance.tasks import people_named
from infrastructure.outbox import email_task


def _candidacy(candidacy_id):
    return Candidacy.objects.select_related("election", "person", "organisation").get(
        pk=candidacy_id
    )


@email_task(_("Candidacy to confirm"), people_named)
def send_candidacy_to_confirm(*, person_id, candidacy_id, base_url):
    """Tell one delegate that a candidacy of their organisation waits for their confirmation;
    nothing when it was confirmed, refused or withdrawn meanwhile."""
    person = Person.objects.select_related("notification_preferences").get(pk=person_id)
    candidacy = _candidacy(candidacy_id)
    if candidacy.status != CandidacyStatus.PROPOSED:
        return
    context = {
        "person": person,
        "candidacy": candidacy,
        "election": candidacy.election,
        "url": base_url + reverse("meetings:my-actions"),
    }
    subject, body = render_templates(person, "elections/email/candidacy_to_confirm", context)
    EmailMessage(subject, body, to=[person.email]).send(fail_silently=False)


@email_task(_("Candidacy refused"), people_named)
def send_candidacy_refused(*, person_id, candidacy_id, base_url):
    """Tell the candidate (or whoever entered the candidacy) that the delegate refused it, and
    why."""
    person = Person.objects.select_related("notification_preferences").get(pk=person_id)
    candidacy = _candidacy(candidacy_id)
    context = {
        "person": person,
        "candidacy": candidacy,
        "election": candidacy.election,
        "url": base_url + candidacy.election.get_absolute_url(),
    }
    subject, body = render_templates(person, "elections/email/candidacy_refused", context)
    EmailMessage(subject, body, to=[person.email]).send(fail_silently=False)


def send_receipt(person, election, code):
    """Email a delegate the receipt code of their organisation's vote, at their request.

    Sent during the request, not queued: a queued task would keep the code beside the
    delegate's id in the task table, the link between a ballot and who cast it that the
    storage is designed not to hold. The message holds the code only, never the choices."""
    subject, body = render_templates(
        person,
        "elections/email/receipt",
        {"person": person, "election": election, "code": code},
    )
    EmailMessage(subject, body, to=[person.email]).send(fail_silently=False)
