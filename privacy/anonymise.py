"""Anonymising a person who left the alliance (Québec's Law 25).

What identifies the person is destroyed; what the alliance did stays. The person's record
keeps its id, so their seats, representations, attendance, candidacies, action items and
decisions still point to it, and pages show « Ancien·ne partenaire » instead of the name.

The history tables (django-simple-history) keep a row per change, and so a copy of the old
name, email and phone. Those rows stay (the audit trail of who changed what, when) but their
personal fields are blanked the same way, so that the old name cannot be read back from them.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_account_email
from chantiers.models import JoinRequest
from elections.models import Candidacy
from governance.models import Affiliation, NotificationPreferences, Person
from meetings.models import CalendarFeed, Convocation, PendingNotification
from privacy.models import Anonymisation


def former_partner_name():
    """Stored in the portal's language, as any name is; « Ancien·ne partenaire »."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Former partner")


def freed_email(user):
    # Unique and never deliverable (.invalid is reserved): the real address can be reused.
    return f"ancien-{user.pk}@anonyme.invalid"


@transaction.atomic
def anonymise(person, by):
    """Anonymise `person` on behalf of the user `by`; raises ValidationError if already done."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if Anonymisation.objects.filter(person=person).exists():
        raise ValidationError(_("This person was already anonymised."))
    old_emails = {email.lower() for email in [person.email] if email}
    name = former_partner_name()
    blank = {"first_name": "", "last_name": name, "title": "", "email": "", "phone": ""}

    # The directory record, then every earlier version of it.
    for field, value in blank.items():
        setattr(person, field, value)
    person.show_email = person.show_phone = False
    person.version += 1
    person._change_reason = "Anonymised (Law 25)"
    person.save()
    Person.history.filter(id=person.pk).update(**blank, show_email=False, show_phone=False)

    # The role held in each organisation, and in its history.
    Affiliation.objects.filter(person=person).update(role="")
    Affiliation.history.filter(person_id=person.pk).update(role="")

    # Free texts the person wrote about themselves (no history is kept for these).
    Candidacy.objects.filter(person=person).update(statement="")
    JoinRequest.objects.filter(person=person).update(message="")

    # What only served to reach them.
    CalendarFeed.objects.filter(person=person).delete()
    NotificationPreferences.objects.filter(person=person).delete()
    PendingNotification.objects.filter(person=person).delete()

    # The login account: closed and its address freed.
    user = person.user
    if user is not None:
        old_emails.add(user.email.lower())
        user.email = freed_email(user)
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "is_active", "password"])
        EmailAddress.objects.filter(user=user).delete()
        # Open sessions end by themselves: the login backend refuses inactive users.

    # Convocations keep the list of who was convened, with names and addresses.
    convocations = Convocation.objects.filter(meeting__attendance__person=person).distinct()
    for convocation in convocations:
        changed = False
        for recipient in convocation.recipients:
            if str(recipient.get("email", "")).lower() in old_emails:
                recipient.update(name=name, email="")
                changed = True
        if changed:
            convocation.save(update_fields=["recipients"])

    # Account emails waiting in (or kept by) the worker's queue carry the address itself.
    for row in DBTaskResult.objects.filter(task_path=send_account_email.module_path):
        addressees = row.args_kwargs.get("kwargs", {}).get("to", [])
        if any(address.lower() in old_emails for address in addressees):
            row.delete()

    return Anonymisation.objects.create(person=person, by=by)
