"""Anonymising a person who left the alliance (Québec's Law 25).

What identifies the person is destroyed; what the alliance did stays. Each app declares, in its
`personal_data.py`, what anonymising does to the rows it holds about a person (deleted, fields
blanked, kept with the reason, or a function of its own); this walks those declarations, in one
transaction. The person's record keeps its id, so their seats, representations, attendance,
candidacies, action items and decisions still point to it, and pages show « Ancien·ne
partenaire » instead of the name.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from governance.models import Person
from infrastructure import personal_data as registry
from infrastructure.periods import today
from infrastructure.personal_data import Departure
from privacy.models import Anonymisation


def former_partner_name():
    """Stored in the portal's language, as any name is; « Ancien·ne partenaire »."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Former partner")


@transaction.atomic
def anonymise(person, by):
    """Anonymise `person` on behalf of the user `by`; raises ValidationError if already done."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if Anonymisation.objects.filter(person=person).exists():
        raise ValidationError(_("This person was already anonymised."))
    user = person.user
    # Their addresses as they were, before any declaration changes them.
    emails = {email.lower() for email in [person.email, user.email if user else ""] if email}
    departure = Departure(person, user, former_partner_name(), frozenset(emails))
    for declaration in registry.declarations():
        declaration.anonymise.apply(declaration, departure)
    _end_what_they_hold(person)
    return Anonymisation.objects.create(person=person, by=by)


def _end_what_they_hold(person):
    """A person who left holds nothing any more: their open seats, affiliations and
    representations end today (their last day), so no list names them as current after."""
    on = today()
    for periods in (person.seats, person.representations, person.affiliations):
        for period in periods.filter(Q(ends__isnull=True) | Q(ends__gt=on)).order_by("pk"):
            period.end(max(on, period.starts))
