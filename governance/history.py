"""What changed in the directory, by whom and when: an organisation, a person or a body with
the affiliations, representations and seats tied to it (infrastructure.history builds the
entries).

Nothing here is restorable from the page: bringing back a period (an affiliation, a
representation, a seat) would have to check again what the forms check (one delegate at a
time, periods that do not overlap, the seats a body declares); the ADOC team corrects these
records with the forms, and the history keeps every version.
"""

from governance.models import Affiliation, Body, Organisation, Person, Representation, Seat
from infrastructure.history import Source, build_history

# A person's private contact details, and who may read them (governance.rules).
PRIVATE_FIELDS = {"email": "governance.view_email", "phone": "governance.view_phone"}


def organisation_history(organisation):
    """The organisation's versions and those of its affiliations, representations, seats."""
    return build_history(
        [
            Source(Organisation, {"id": organisation.pk}),
            Source(Affiliation, {"organisation_id": organisation.pk}),
            Source(Representation, {"organisation_id": organisation.pk}),
            Source(Seat, {"organisation_id": organisation.pk}),
        ]
    )


def person_history(person, user):
    """The person's versions and those of their affiliations, representations and seats; the
    contact details `user` may not read on the person's page are not shown either."""
    hidden = frozenset(
        name for name, perm in PRIVATE_FIELDS.items() if not user.has_perm(perm, person)
    )
    return build_history(
        [
            Source(Person, {"id": person.pk}, hidden=hidden),
            Source(Affiliation, {"person_id": person.pk}),
            Source(Representation, {"person_id": person.pk}),
            Source(Seat, {"person_id": person.pk}),
        ]
    )


def body_history(body):
    """The body's versions and those of its seats."""
    return build_history([Source(Body, {"id": body.pk}), Source(Seat, {"body_id": body.pk})])
